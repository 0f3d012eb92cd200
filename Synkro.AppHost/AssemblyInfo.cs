// The engine runs Debian's server binaries under setpriv and reads /proc: it is Linux-only by design.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
