using Xunit;
using Xunit.Sdk;

namespace LimeCall.Sdk.TestKit;

/// <summary>
/// A fact of a store contract suite: it runs for every store, except that in a class marked
/// <see cref="RequiresPostgreSqlAttribute"/> it is reported skipped when no PostgreSQL can be had and
/// none is required (see <see cref="PostgreSqlAvailability"/>).
/// </summary>
[XunitTestCaseDiscoverer("LimeCall.Sdk.TestKit.StoreFactDiscoverer", "LimeCall.Sdk.TestKit")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
