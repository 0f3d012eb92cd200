using Aspire.Hosting.ApplicationModel;

namespace Synkro.Tests.Hosting;

/// <summary>
/// Narrows the application model to some resources and everything they need, so a test that needs
/// a broker does not pay for the whole system. What a resource needs: what it waits for, what it
/// references or is parented to, and its parent server.
/// </summary>
internal static class ResourceSubset
{
    public static void KeepOnly(IResourceCollection resources, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        var keep = new HashSet<IResource>();
        var pending = new Stack<IResource>(resources.Where(r => names.Contains(r.Name)));
        while (pending.TryPop(out var resource))
        {
            if (!keep.Add(resource))
            {
                continue;
            }

            foreach (var needed in Needs(resource, resources))
            {
                pending.Push(needed);
            }
        }

        foreach (var resource in resources.Where(r => !keep.Contains(r) && r is not ParameterResource).ToList())
        {
            resources.Remove(resource);
        }
    }

    private static IEnumerable<IResource> Needs(IResource resource, IResourceCollection all)
    {
        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            yield return wait.Resource;
        }

        foreach (var relation in resource.Annotations.OfType<ResourceRelationshipAnnotation>())
        {
            yield return relation.Resource;
        }

        if (resource is IResourceWithParent child)
        {
            yield return child.Parent;
        }

        // Children (a server's init step, epmd) are parented to what needs them.
        foreach (var other in all.Where(r => r.Annotations.OfType<ResourceRelationshipAnnotation>().Any(a => a.Type == "Parent" && a.Resource == resource)))
        {
            yield return other;
        }
    }
}
