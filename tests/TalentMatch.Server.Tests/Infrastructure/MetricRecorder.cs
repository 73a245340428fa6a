using System.Diagnostics.Metrics;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>Listens to the TalentMatch meter of one app only (its IMeterFactory), whatever else runs in this process.</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public MetricRecorder(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TalentMatchMetrics.Name && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void CollectObservables() => _listener.RecordObservableInstruments();

    public double Sum(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Sum();

    public List<double> Values(string name) => Matching(name, []);

    public double Last(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Last();

    /// <summary>The last value recorded with these tags, or null when there is none yet.</summary>
    public double? LastOrNull(string name, params (string Key, string Value)[] tags) =>
        Matching(name, tags) is { Count: > 0 } values ? values[^1] : null;

    public void Dispose() => _listener.Dispose();

    private List<double> Matching(string name, (string Key, string Value)[] tags)
    {
        lock (_measurements)
        {
            return [.. _measurements
                .Where(m => m.Name == name && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
                .Select(m => m.Value)];
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, copy));
        }
    }
}
