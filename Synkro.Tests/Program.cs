using Synkro.Tests.Benchmarks;
using Synkro.Tests.Messaging.Probe;

// The test runner never calls Main. It exists so tests and benchmarks can start this assembly as a
// real, killable process: a small service on the event bus (see Messaging/Probe).
return args switch
{
    ["messaging-probe", .. var rest] => await MessagingProbe.RunAsync(rest),
    ["bench", "messaging", .. var rest] => await MessagingBenchmark.RunAsync(rest),
    ["bench", "inventory", .. var rest] => await InventoryBenchmark.RunAsync(rest),
    ["bench", "catalog", .. var rest] => await CatalogBenchmark.RunAsync(rest),
    ["bench", "service-start", .. var rest] => await ServiceStartBenchmark.RunAsync(rest),
    ["bench", "gateway", .. var rest] => await GatewayBenchmark.RunAsync(rest),
    ["bench", "orders", .. var rest] => await OrderBenchmark.RunAsync(rest),
    ["bench", "ui", .. var rest] => await UiBenchmark.RunAsync(rest),
    ["bench", "idle", .. var rest] => await IdleBenchmark.RunAsync(rest),
    ["bench", "notifications", .. var rest] => await NotificationsBenchmark.RunAsync(rest),
    ["bench", "startup", .. var rest] => await StartupBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project Synkro.Tests -c Release -- bench messaging [events] [events per transaction] [consumer parallelism]");
    Console.Error.WriteLine("       dotnet run --project Synkro.Tests -c Release -- bench inventory [round seconds] [warm-up seconds]");
    Console.Error.WriteLine("       dotnet run --project Synkro.Tests -c Release -- bench catalog [items]");
    Console.Error.WriteLine("       dotnet run --project Synkro.Tests -c Release -- bench service-start [runs] [checkout ...]");
    Console.Error.WriteLine("       dotnet run --project Synkro.Tests -c Release -- bench gateway [round seconds] [clients]");
    Console.Error.WriteLine("       dotnet run --project Synkro.Tests -c Release -- bench orders [round seconds] [clients]");
    Console.Error.WriteLine("       dotnet run --project Synkro.Tests -c Release -- bench ui [items] [samples]");
    Console.Error.WriteLine("       dotnet run --project Synkro.Tests -c Release -- bench idle [window seconds] [settle seconds] [NAME=value ...]");
    Console.Error.WriteLine("       dotnet run --project Synkro.Tests -c Release -- bench notifications [events] [managers]");
    Console.Error.WriteLine("       eng/measure-startup.sh [runs]   (dotnet run --project Synkro.Tests -- bench startup [runs], after a build)");
    return 2;
}
