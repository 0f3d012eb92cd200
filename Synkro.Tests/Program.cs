using Synkro.Tests.Messaging.Probe;

// The test runner never calls Main. It exists so tests and benchmarks can start this assembly as a
// real, killable process: a small service on the event bus (see Messaging/Probe).
return args switch
{
    ["messaging-probe", .. var rest] => await MessagingProbe.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet Synkro.Tests.dll messaging-probe [--key=value ...]");
    return 2;
}
