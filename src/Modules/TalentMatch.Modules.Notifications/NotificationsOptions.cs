using System.ComponentModel.DataAnnotations;
namespace TalentMatch.Modules.Notifications;

/// <summary><c>TalentMatch:Notifications</c>: webhook delivery settings.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "TalentMatch:Notifications";

    /// <summary>
    /// Allows webhook URLs on addresses that are not global unicast (loopback, private,
    /// link-local, unique-local, and every other special-purpose block: see <see cref="WebhookTargets"/>).
    /// Off by default: a tenant could otherwise make the server call its own network (SSRF).
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Attempts per delivery (the first one included) before it is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// The wait after each failed attempt: the first after attempt 1, and so on; the last one
    /// repeats when there are more attempts than entries. Default 10 s, 30 s, 2 min, 10 min, 1 h, 3 h, 6 h.
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>How long one POST may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the worker looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Active webhooks per tenant.</summary>
    [Range(1, 10_000)]
    public int MaxSubscriptionsPerTenant { get; set; } = 20;

    /// <summary>Deliveries sent at once by one worker.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>
    /// How long finished deliveries (succeeded or failed for good) stay in the delivery log, where a
    /// tenant can read and replay them; older ones are deleted hourly. Pending ones are never deleted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
    ];

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var delays = RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;
        return delays[Math.Clamp(attempts - 1, 0, delays.Count - 1)];
    }
}
