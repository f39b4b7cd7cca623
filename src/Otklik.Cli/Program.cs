using Otklik.Cli;

// Large buffers: batch mode turns a million lines in a few seconds.
using var stdin = new StreamReader(Console.OpenStandardInput(), bufferSize: 1 << 16);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
var code = CliApp.Run(args, stdin, stdout, Console.Error);
stdout.Flush();
return code;
