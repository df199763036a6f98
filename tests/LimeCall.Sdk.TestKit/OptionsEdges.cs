using Microsoft.Extensions.Options;
using Xunit;

namespace LimeCall.Sdk.TestKit;

/// <summary>One assertion for an options validator at an edge: valid, or refused with a message that says so.</summary>
public static class OptionsEdges
{
    /// <summary>Asserts that <paramref name="validator"/> accepts <paramref name="options"/>, or refuses them naming <paramref name="failure"/>.</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="validator">The validator under test.</param>
    /// <param name="options">The options at the edge.</param>
    /// <param name="failure">Text the refusal must contain; <see langword="null"/> when the options are valid.</param>
    /// <param name="because">The case, for the failure message.</param>
    /// <returns>The validation result, for further checks.</returns>
    public static ValidateOptionsResult AssertValidation<TOptions>(IValidateOptions<TOptions> validator, TOptions options, string? failure, string because)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        var result = validator.Validate(Options.DefaultName, options);
        if (failure is null)
        {
            Assert.True(result.Succeeded, $"{because}: {result.FailureMessage}");
        }
        else
        {
            Assert.True(result.Failed, because);
            Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
        }

        return result;
    }
}
