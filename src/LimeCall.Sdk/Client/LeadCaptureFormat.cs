namespace LimeCall.Sdk.Client;

/// <summary>How a lead is sent to the inbound webhook; both mean the same to LimeCall.</summary>
public enum LeadCaptureFormat
{
    /// <summary><c>application/json</c>.</summary>
    Json = 0,

    /// <summary><c>application/x-www-form-urlencoded</c> form data.</summary>
    Form = 1,
}
