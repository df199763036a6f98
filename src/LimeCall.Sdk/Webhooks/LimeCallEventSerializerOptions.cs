namespace LimeCall.Sdk.Webhooks;

/// <summary>Limits applied when parsing webhook payloads.</summary>
public sealed class LimeCallEventSerializerOptions
{
    /// <summary>The default of <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>The default of <see cref="MaxPayloadBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxPayloadBytes = 1024 * 1024;

    /// <summary>
    /// Gets or sets how deeply objects and arrays may nest; deeper payloads fail with
    /// <see cref="LimeCallPayloadError.TooDeep"/>.
    /// </summary>
    /// <value>Default <see cref="DefaultMaxDepth"/> (32); LimeCall's own payloads nest 3 deep. Allowed 2 to 256.</value>
    public int MaxDepth { get; set; } = DefaultMaxDepth;

    /// <summary>
    /// Gets or sets the largest payload accepted, in bytes; larger payloads fail with
    /// <see cref="LimeCallPayloadError.TooLarge"/> before anything is read.
    /// </summary>
    /// <value>Default <see cref="DefaultMaxPayloadBytes"/> (1 MiB). Allowed 1 byte to 64 MiB.</value>
    public int MaxPayloadBytes { get; set; } = DefaultMaxPayloadBytes;
}
