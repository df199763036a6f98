using LimeCall.Sdk.Client;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>
/// The E.164 rule the client sends by and the emulator receives by (<c>+</c>, 7 to 15 digits, the first not 0), at its edges,
/// and how the client normalises what people type before anything is sent.
/// </summary>
public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+1234567", true)] // 7 digits: the shortest
    [InlineData("+123456", false)]
    [InlineData("+123456789012345", true)] // 15 digits: the longest
    [InlineData("+1234567890123456", false)]
    [InlineData("+0123456789", false)] // no country code starts with 0
    [InlineData("14155550123", false)] // no plus
    [InlineData("+1415555012a", false)]
    [InlineData("+a234567890", false)] // not a digit right after the plus
    [InlineData("+1415 5550123", false)] // spaces are for Normalize, not for the wire
    [InlineData("+", false)]
    [InlineData("", false)]
    public void IsE164_AcceptsExactlyThePlusAndSevenToFifteenDigits(string number, bool expected)
    {
        Assert.Equal(expected, PhoneNumbers.IsE164(number));
    }

    [Theory]
    [InlineData("+1 (415) 555-0123", "+14155550123")]
    [InlineData("+1.415.555.0123", "+14155550123")]
    [InlineData("0014155550123", "+14155550123")]
    [InlineData("  +44 20 7946 0958 ", "+442079460958")]
    [InlineData("+1234567", "+1234567")]
    [InlineData("+123 456 789 012 345", "+123456789012345")]
    public void Normalize_WritesWhatPeopleTypeAsE164(string typed, string expected)
    {
        Assert.Equal(expected, PhoneNumbers.Normalize(typed, "CustomerNumber"));
    }

    [Fact]
    public void Normalize_ANumberAlreadyInE164_IsReturnedAsItIs()
    {
        const string number = "+14155550123";

        Assert.Same(number, PhoneNumbers.Normalize(number, "CustomerNumber"));
    }

    [Theory]
    [InlineData("+123456")] // 6 digits
    [InlineData("+1234567890123456")] // 16 digits
    [InlineData("+1 415 555 0123 ext 12")] // letters are not ignored: "ext" would silently join the digits
    [InlineData("+1415555012a3")]
    [InlineData("+1 415/555 0123")]
    [InlineData("4155550123")] // no country
    [InlineData(null)]
    public void Normalize_WhatCannotBeANumber_IsRefusedNamingTheParameter(string? typed)
    {
        var refused = Assert.Throws<LimeCallValidationException>(() => PhoneNumbers.Normalize(typed, "TeamNumber"));

        Assert.Equal("TeamNumber", refused.ParameterName);
        Assert.Equal("TeamNumber must be a phone number in international form, for example +14155550123.", refused.Message);
    }
}
