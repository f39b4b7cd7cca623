using Otklik.Triage.Response;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Tests.Response;

/// <summary>The needs-a-response model (Stavropol 9(1)) on a small fixture written for the test, and its threshold rule.</summary>
public sealed class ResponseModelTests
{
    [Fact]
    public void The_threshold_for_a_recall_is_the_highest_score_keeping_that_share_of_the_positives()
    {
        (bool, double)[] scored = [(true, 0.9), (true, 0.8), (true, 0.6), (true, 0.3), (false, 0.7), (false, 0.1)];
        Assert.Equal(0.6, ResponseScore.ThresholdForRecall(scored, 0.75));
        Assert.Equal(0.3, ResponseScore.ThresholdForRecall(scored, 1.0));
        var at = ResponseScore.At(scored, 0.6);
        Assert.Equal((3, 1, 1, 1), (at.TruePositives, at.FalsePositives, at.FalseNegatives, at.TrueNegatives));
        Assert.Equal(0.75, at.Precision);
        Assert.Equal(0.75, at.Recall);
    }

    [Fact]
    public void A_complaint_scores_above_chatter_and_a_model_of_other_labels_is_refused()
    {
        string[] complaints =
        [
            "Не вывозят мусор во дворе третью неделю", "Яма на дороге у остановки, когда отремонтируют", "Не работает лифт в подъезде",
            "Нет горячей воды пятый день", "Не горят фонари на улице", "Течёт крыша, заливает квартиру",
        ];
        string[] chatter =
        [
            "Отличная погода сегодня", "Кто смотрел матч вчера", "Поздравляю с праздником", "Продам велосипед недорого",
            "Какой красивый закат", "Котик спит на диване",
        ];
        var model = ResponseEvaluation.Train(
            complaints.Select(t => new ResponseEvaluation.Sample(t, true, "fixture")).Concat(chatter.Select(t => new ResponseEvaluation.Sample(t, false, "fixture"))), 1);
        Assert.True(model.Score("Во дворе не вывозят мусор, баки переполнены") > model.Score("Погода сегодня отличная, гуляли с котиком"));

        var topics = TopicTrainer.Train([("мусор во дворе", "zhkh"), ("яма на дороге", "roads"), ("мусор опять", "zhkh"), ("дорога разбита", "roads")]);
        Assert.Throws<TopicModelFormatException>(() => new ResponseModel(topics));
    }

    [Fact]
    public void The_written_news_and_advertising_are_a_few_hundred_distinct_texts()
    {
        var texts = WrittenTexts.All();
        Assert.InRange(texts.Count, 200, 400);
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }
}
