using Microsoft.Extensions.Options;

namespace LimeCall.Sdk;

/// <summary>
/// The one way the SDK validates options: each options type has one validator (<see cref="IValidateOptions{TOptions}"/>,
/// source-generated from its data annotations, with <c>IValidatableObject</c> for rules that span members). Dependency
/// injection runs it at start-up; a constructor that takes the options directly runs the same one through
/// <see cref="ThrowIfInvalid"/>, so the two paths can never disagree.
/// </summary>
internal static class OptionsValidation
{
    /// <summary>Throws when <paramref name="options"/> do not validate, with every failure in the message (never a value).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public static void ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options, string paramName)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options, paramName);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, paramName);
        }
    }
}
