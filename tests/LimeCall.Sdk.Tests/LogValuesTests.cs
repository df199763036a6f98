using FsCheck;
using FsCheck.Fluent;

namespace LimeCall.Sdk.Tests;

/// <summary>
/// Values from a payload (an event type, an id) are written into log lines: they must not forge a line, colour a terminal,
/// reorder what a reader sees or flood the log, and a value that is already safe costs nothing.
/// </summary>
public sealed class LogValuesTests
{
    [Theory]
    [InlineData("call.missed\r\n2025-01-30 ERROR forged line", "call.missed\\u000d\\u000a2025-01-30 ERROR forged line")]
    [InlineData("\u001b[31mred", "\\u001b[31mred")] // an ANSI colour escape, at the very first character
    [InlineData("evt\u007f", "evt\\u007f")] // DEL
    [InlineData("evt\u0085next", "evt\\u0085next")] // NEL, a C1 line break
    [InlineData("evt\u2028next", "evt\\u2028next")] // line separator
    [InlineData("admin\u202Egnp.exe", "admin\\u202egnp.exe")] // right-to-left override
    [InlineData("\u2066isolated\u2069", "\\u2066isolated\\u2069")]
    [InlineData("évènement ✓", "évènement ✓")] // printable non-ASCII stays as it is
    public void Escape_WritesEveryControlCharacterAsItsCode(string value, string expected)
    {
        Assert.Equal(expected, LogValues.Escape(value));
    }

    [Fact]
    public void Escape_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, LogValues.Escape(null));
    }

    [Fact]
    public void Escape_ASafeValueUpToTheLimit_IsTheSameInstance()
    {
        var value = new string('a', LogValues.MaxLength);

        Assert.Same(value, LogValues.Escape(value));
    }

    [Fact]
    public void Escape_PastTheLimit_IsCutAndSaysHowLongItWas()
    {
        var value = new string('a', LogValues.MaxLength + 1);

        Assert.Equal(new string('a', LogValues.MaxLength) + "…(201 chars)", LogValues.Escape(value));
    }

    [Fact]
    public void Escape_AnUnsafeValueAtTheLimit_IsEscapedWhole_AndNotMarkedAsCut()
    {
        var value = "\n" + new string('a', LogValues.MaxLength - 1);

        Assert.Equal("\\u000a" + new string('a', LogValues.MaxLength - 1), LogValues.Escape(value));
    }

    [Fact]
    public void Escape_NeverLeavesAControlCharacter_NorGrowsPastItsBound()
    {
        var character = Gen.Frequency(
            (4, Gen.Choose(0x20, 0x7E)),
            (2, Gen.Choose(0, 0xA0)),
            (1, Gen.Elements(0x2028, 0x2029, 0x200E, 0x202E, 0x2066, 0x2069, 0xE9, 0x4E2D)));
        var values = from length in Gen.Choose(0, 2 * LogValues.MaxLength)
                     from characters in character.Select(c => (char)c).ArrayOf(length)
                     select new string(characters);
        Prop.ForAll(values.ToArbitrary(), value =>
        {
            var escaped = LogValues.Escape(value);
            var bound = (LogValues.MaxLength * 6) + "…( chars)".Length + 10;
            return escaped.All(c => !char.IsControl(c) && c is not ('\u2028' or '\u2029' or '\u202E')) && escaped.Length <= bound;
        }).QuickCheckThrowOnFailure();
    }
}
