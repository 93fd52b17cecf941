using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Benchmarks;

/// <summary>
/// Times each database command of EF Core (open to reader disposed) through its diagnostic events, labelled with the
/// search being run, to show which statement of a search takes the time. Only while <see cref="Label"/> is set.
/// </summary>
internal sealed class StatementTimes : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly Dictionary<(string Label, string Command), (double Milliseconds, int Count)> totals = [];
    private readonly List<(string Label, string Command)> order = [];

    public StatementTimes() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public string? Label { get; set; }

    /// <summary>Table rows "| label | `command` (n times) | ms |", the milliseconds divided by <paramref name="searches"/>.</summary>
    public IEnumerable<string> Lines(int searches) => order.Select(key =>
        string.Create(CultureInfo.InvariantCulture, $"| {key.Label} | `{key.Command}` ({totals[key].Count}×) | {totals[key].Milliseconds / searches:F1} |"));

    public void Dispose()
    {
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            subscriptions.Add(value.Subscribe(this));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // A query's time: from the command's start to its first result (CommandExecuted), then reading the rows until
        // the reader is disposed (DataReaderDisposing).
        var (command, duration, executed) = value.Value switch
        {
            Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData e => (e.Command, e.Duration, 1),
            Microsoft.EntityFrameworkCore.Diagnostics.DataReaderDisposingEventData disposing => (disposing.Command, disposing.Duration, 0),
            _ => (null, TimeSpan.Zero, 0),
        };
        if (Label is not { } label || command is null)
        {
            return;
        }

        Add(label, command.CommandText, duration.TotalMilliseconds, executed);
    }

    /// <summary>Adds <paramref name="milliseconds"/> to the line of <paramref name="text"/> (its first two lines) and <paramref name="executions"/> to its count.</summary>
    public void Add(string label, string text, double milliseconds, int executions = 1)
    {
        var command = string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("--", StringComparison.Ordinal)).Take(2));
        command = command.Length > 90 ? command[..90] + "…" : command;
        var key = (label, command);
        if (!totals.ContainsKey(key))
        {
            order.Add(key);
        }

        var (total, count) = totals.GetValueOrDefault(key);
        totals[key] = (total + milliseconds, count + executions);
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
