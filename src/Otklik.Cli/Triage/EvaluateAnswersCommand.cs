using System.CommandLine;
using Otklik.Triage.Answers;

namespace Otklik.Cli.Triage;

/// <summary>
/// <c>otklik triage evaluate-answers [--input docs/data/answers-labelled.csv] [--errors]</c>: the formal-answer check
/// («отписка») measured on labelled answers — precision and recall of the verdict on the development half, the held-out
/// half and all, and how often each finding fires on formal and on real answers.
/// </summary>
internal static class EvaluateAnswersCommand
{
    public static Command Create(CliIo io)
    {
        var input = new Option<string>("--input")
        {
            Description = "CSV with id, message_id, body, author, message, answer, label (formal|good)",
            DefaultValueFactory = _ => Path.Combine("docs", "data", "answers-labelled.csv"),
        };
        var errors = new Option<bool>("--errors") { Description = "Print every answer the check got wrong" };
        var command = new Command("evaluate-answers", "Measure the formal-answer check on labelled answers") { input, errors };
        command.SetAction(parse =>
        {
            var answers = AnswerEvaluation.Read(parse.GetValue(input)!);
            if (answers.Count == 0)
                throw new UsageException("the file has no answers");
            io.Out.WriteLine(AnswerEvaluation.Format(AnswerEvaluation.Run(answers), parse.GetValue(errors)));
            return CliApp.Ok;
        });
        return command;
    }
}
