using LimeCall.Sdk.LoadHost;

// benchmarks/load.sh runs this twice over: `generate` writes the signed events wrk sends, `serve --mode <mode>` is the
// server under load. See benchmarks/README.md for the modes and what each row means.
return args.FirstOrDefault() switch
{
    "generate" => await EventFile.GenerateAsync(args),
    "serve" => await LoadServer.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: LimeCall.Sdk.LoadHost generate <count> <file> <secret> <id-prefix> | serve <mode> <port> <secret>");
    return 2;
}
