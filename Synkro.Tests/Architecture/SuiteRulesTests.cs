using System.Reflection;

namespace Synkro.Tests.Architecture;

/// <summary>
/// The rules that keep the suite landing (docs/testing.md), kept by a test: every test has its own
/// time limit, and quarantine stays a short, documented list.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Architecture")]
public sealed class SuiteRulesTests
{
    private const int MostQuarantined = 3;

    private static IEnumerable<Type> Fixtures => typeof(SuiteRulesTests).Assembly.GetTypes().Where(t => t.GetMethods().Any(IsTest));

    [Test]
    public void Every_fixture_has_a_time_limit() =>
        Assert.That(Fixtures.Where(t => t.GetCustomAttribute<CancelAfterAttribute>() is null).Select(t => t.FullName), Is.Empty,
            "add [CancelAfter(Deadlines.Test)], so that a stuck test fails by name instead of running into CI's limit");

    [Test]
    public void Quarantine_is_short_and_every_entry_is_documented()
    {
        var quarantined = Fixtures.SelectMany(t => t.GetMethods().Where(m => IsTest(m) && (IsQuarantined(t) || IsQuarantined(m))).Select(m => $"{t.Name}.{m.Name}")).ToList();
        var documented = File.ReadAllText(Path.Combine(Repository.Root, "docs", "testing.md"));
        Assert.That(quarantined, Has.Count.LessThanOrEqualTo(MostQuarantined), "fix one before quarantining another");
        Assert.That(quarantined.Where(name => !documented.Contains(name, StringComparison.Ordinal)), Is.Empty, "each quarantined test is listed in docs/testing.md with its failure and suspected cause");
    }

    private static bool IsTest(MethodInfo method) =>
        method.GetCustomAttributes<TestAttribute>().Any() || method.GetCustomAttributes<TestCaseAttribute>().Any() || method.GetCustomAttributes<TestCaseSourceAttribute>().Any();

    private static bool IsQuarantined(MemberInfo member) =>
        member.GetCustomAttributes<CategoryAttribute>().Any(c => c.Name == "Quarantined");
}
