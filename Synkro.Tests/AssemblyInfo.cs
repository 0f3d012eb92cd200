// The tests run the AppHost, which runs Debian's server binaries, and read /proc: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// A failed test's output shows the resources' states and console lines.
[assembly: Synkro.Tests.Hosting.ResourceReport]
