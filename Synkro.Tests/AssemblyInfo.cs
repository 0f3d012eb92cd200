// The tests run the AppHost, which runs Debian's server binaries, and read /proc: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
