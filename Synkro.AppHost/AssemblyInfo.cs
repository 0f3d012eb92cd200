// In run mode the servers are Debian's binaries run under setpriv: the AppHost is Linux-only by design.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
