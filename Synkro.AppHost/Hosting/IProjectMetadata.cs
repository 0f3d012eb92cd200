namespace Synkro.Hosting;

/// <summary>Where a .NET project lives and what it builds; generated per project reference (see eng/ProjectResources.targets).</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    string TargetPath { get; }
}
