using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.Webhooks;

/// <summary>Limits applied when parsing webhook payloads.</summary>
/// <remarks>The allowed ranges are the data annotations below; the serializer's constructor and dependency injection check them with the
/// same source-generated validator.</remarks>
public sealed class LimeCallEventSerializerOptions
{
    /// <summary>Gets the default of <see cref="MaxDepth"/>: 32.</summary>
    public static int DefaultMaxDepth => 32;

    /// <summary>Gets the default of <see cref="MaxPayloadBytes"/>: 1 MiB.</summary>
    public static int DefaultMaxPayloadBytes => 1024 * 1024;

    /// <summary>
    /// Gets or sets how deeply objects and arrays may nest; deeper payloads fail with
    /// <see cref="LimeCallPayloadError.TooDeep"/>.
    /// </summary>
    /// <value>Default <see cref="DefaultMaxDepth"/> (32); LimeCall's own payloads nest 3 deep. Allowed 2 to 256.</value>
    [Range(2, 256)]
    public int MaxDepth { get; set; } = DefaultMaxDepth;

    /// <summary>
    /// Gets or sets the largest payload accepted, in bytes; larger payloads fail with
    /// <see cref="LimeCallPayloadError.TooLarge"/> before anything is read.
    /// </summary>
    /// <value>Default <see cref="DefaultMaxPayloadBytes"/> (1 MiB). Allowed 1 byte to 64 MiB.</value>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = DefaultMaxPayloadBytes;
}
