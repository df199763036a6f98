using FsCheck;
using FsCheck.Fluent;

namespace LimeCall.Sdk.Tests.Shared;

/// <summary>Generator helpers FsCheck's fluent API lacks.</summary>
internal static class GenExtensions
{
    /// <summary>Lists of 0 to <paramref name="max"/> items.</summary>
    public static Gen<IList<T>> UpTo<T>(this Gen<T> gen, int max) => Gen.Choose(0, max).SelectMany(n => gen.ListOf(n)).Select(l => (IList<T>)l.ToList());
}
