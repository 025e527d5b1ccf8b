namespace FaxBox.Admin.Diagnostics;

/// <summary>One diagnostic run in the background (readiness test, trunk fax test): its progress lines and outcome. Thread-safe.</summary>
public sealed class DiagnosticRun
{
    /// <summary>Progress lines kept per run; older ones are dropped.</summary>
    public const int MaxLines = 500;

    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private DiagnosticRunState _state = DiagnosticRunState.Running;
    private string? _summary;
    private object? _result;

    internal DiagnosticRun(string id, string kind, string title, DateTimeOffset started)
    {
        Id = id;
        Kind = kind;
        Title = title;
        Started = started;
    }

    /// <summary>Its address: <c>/diagnostics/runs/ID</c>.</summary>
    public string Id { get; }

    /// <summary>"readiness" or "trunk".</summary>
    public string Kind { get; }

    /// <summary>What it runs.</summary>
    public string Title { get; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>Where it is.</summary>
    public DiagnosticRunState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>The one-line outcome once finished.</summary>
    public string? Summary
    {
        get
        {
            lock (_lock)
            {
                return _summary;
            }
        }
    }

    /// <summary>The detailed outcome (<see cref="ReadinessReport"/>, <see cref="TrunkFaxTestResult"/>) once finished.</summary>
    public object? Result
    {
        get
        {
            lock (_lock)
            {
                return _result;
            }
        }
    }

    /// <summary>The progress so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    internal void Report(string line)
    {
        lock (_lock)
        {
            if (_lines.Count == MaxLines)
            {
                _lines.RemoveAt(0);
            }

            _lines.Add(line);
        }
    }

    internal void Finish(DiagnosticRunState state, string summary, object? result)
    {
        lock (_lock)
        {
            _state = state;
            _summary = summary;
            _result = result;
        }
    }
}
