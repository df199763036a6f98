using LimeCall.Cli;

// The limecall tool: see CliApplication for the commands, and README.md for what each one prints.
return await CliApplication.RunAsync(args, CliContext.FromProcess()).ConfigureAwait(false);
