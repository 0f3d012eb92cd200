using Microsoft.Extensions.Logging;

namespace Synkro.Hosting.Orchestration;

/// <summary>
/// The AppHost's own log: plain timestamped lines to <c>logs/apphost.log</c> and, unless the live table
/// owns the console, to standard output.
/// </summary>
internal sealed class AppHostLoggerProvider : ILoggerProvider
{
    private readonly Lock gate = new();
    private StreamWriter? file;

    public bool WriteToConsole { get; set; } = true;

    public void AttachFile(string path)
    {
        lock (gate)
        {
            file = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    private void Write(LogLevel level, string message)
    {
        var line = $"{DateTimeOffset.Now:HH:mm:ss.fff} {Level(level)} {message}";
        lock (gate)
        {
            file?.WriteLine(line);
            if (WriteToConsole)
            {
                System.Console.Out.WriteLine(line);
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Warning => "warn:",
        LogLevel.Error or LogLevel.Critical => "fail:",
        _ => "info:",
    };

    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
        }
    }

    private sealed class Logger(AppHostLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, formatter(state, exception));
            }
        }
    }
}
