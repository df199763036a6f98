using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace LimeCall.Sdk.Samples.ControllerApp;

/// <summary>The app's own view of a LimeCall call report, bound by MVC from the JSON body.</summary>
public sealed class CallReport
{
    /// <summary>Gets or sets the event type (<c>call.completed</c>, ...).</summary>
    [Required]
    [JsonPropertyName("event")]
    public string? Event { get; set; }

    /// <summary>Gets or sets LimeCall's call id.</summary>
    [Required]
    [JsonPropertyName("call_id")]
    public string? CallId { get; set; }

    /// <summary>Gets or sets the call's length in seconds.</summary>
    [JsonPropertyName("duration")]
    public int? Duration { get; set; }
}
