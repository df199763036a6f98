using System.CommandLine;

namespace LimeCall.Cli.Commands;

/// <summary><c>trigger</c>'s options, read into a <see cref="TriggerRequest"/>.</summary>
internal sealed class TriggerOptions
{
    private readonly Argument<string> _eventType = new("event-type") { Description = "The event type (limecall events lists them), or any of its aliases." };

    private readonly Option<Uri> _url = CommonOptions.Url("--url", "Your receiver's URL, for example http://127.0.0.1:5080/webhooks/limecall.", required: true);

    private readonly Option<string[]> _secret = CommonOptions.Secret("The webhook signing secret.");

    private readonly Option<string?> _token = new("--token")
    {
        Description = $"A bearer token to send in Authorization, as LimeCall's lead-capture webhook does. Default: the {CommonOptions.TokenVariable} environment variable, if set.",
    };

    private readonly Option<string> _shape = EventsCommand.ShapeOption();

    private readonly Option<string> _schedule = new("--schedule")
    {
        Description = "Whose retry schedule: limecall (1 min … 24 h), limephone, call-center, or none (one attempt).",
        DefaultValueFactory = _ => "limecall",
    };

    private readonly Option<string[]> _set = new("--set")
    {
        Description = "Change a field of the sample: path=value, for example --set data.duration=95 --set data.agent.name=\"Ana\". Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<int> _count = new("--count", "-n")
    {
        Description = "How many events to send (each its own id), 1 to 10000.",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<string[]> _faults = new("--faults")
    {
        Description = "Misbehave as networks do: duplicate, wrong-signature, missing-signature, slow-body, drop-connection (comma-separated or repeated).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> _fast = new("--fast")
    {
        Description = "Compress the retry schedule to seconds (1 min becomes 100 ms; no wait over 5 s).",
    };

    private readonly Option<double> _timeout = new("--timeout")
    {
        Description = "Seconds to wait for each attempt's answer, as LimeCall does (default 30).",
        DefaultValueFactory = _ => 30,
    };

    public TriggerOptions()
    {
        _schedule.AcceptOnlyFromAmong(Schedules.Names);
        _count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                result.AddError("--count must be between 1 and 10000.");
            }
        });
        _timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 3600)
            {
                result.AddError("--timeout must be more than 0 and at most 3600 seconds.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(_eventType);
        foreach (var option in new Option[] { _url, _secret, _token, _shape, _schedule, _set, _count, _faults, _fast, _timeout })
        {
            command.Options.Add(option);
        }
    }

    public TriggerRequest Read(ParseResult parse, CliContext context)
    {
        var shape = EventsCommand.ParseShape(parse.GetValue(_shape));
        var sample = EventsCommand.Sample(parse.GetValue(_eventType)!, shape);
        var secrets = CommonOptions.ResolveSecrets(parse, _secret, context);
        if (secrets.Count > 1)
        {
            throw new CliException("trigger takes one --secret.");
        }

        var token = parse.GetValue(_token) ?? context.GetEnvironmentVariable(CommonOptions.TokenVariable);
        return new TriggerRequest
        {
            Url = parse.GetValue(_url)!,
            Secret = secrets[0],
            BearerToken = string.IsNullOrEmpty(token) ? null : token,
            Payloads = new PayloadBuilder(sample, parse.GetValue(_set) ?? []),
            EventType = sample.EventType,
            Shape = EventsCommand.ShapeName(shape),
            Schedule = Schedules.Get(parse.GetValue(_schedule)!, parse.GetValue(_fast)),
            Count = parse.GetValue(_count),
            Faults = TriggerCommand.ParseFaults(parse.GetValue(_faults) ?? []),
            AttemptTimeout = TimeSpan.FromSeconds(parse.GetValue(_timeout)),
        };
    }
}
