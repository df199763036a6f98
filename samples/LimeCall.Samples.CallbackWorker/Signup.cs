namespace LimeCall.Sdk.Samples.CallbackWorker;

/// <summary>A website sign-up: a lead, and a callback now or at the time the visitor chose.</summary>
/// <param name="Name">The visitor's name.</param>
/// <param name="CountryCode">The country calling code the visitor picked, for example <c>+44</c>.</param>
/// <param name="Phone">The number as typed, without the country code.</param>
/// <param name="Email">The visitor's email.</param>
/// <param name="CallAt">When the visitor wants the call; <see langword="null"/> for now.</param>
/// <remarks>LimeCall's lead capture takes the country code and the national number apart; a callback takes E.164.</remarks>
public sealed record Signup(string Name, string CountryCode, string Phone, string? Email, DateTimeOffset? CallAt);
