using Otklik.Triage.Topics;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>Topic models for tests, trained at run time from a few texts written for them.</summary>
public static class TriageModels
{
    /// <summary>A small model whose labels are the test registry's topic codes, as <c>otklik triage train --from-db</c> makes.</summary>
    public static TopicModel Registry()
    {
        string[] waste = ["не вывозят мусор", "мусорные баки переполнены", "контейнеры с мусором не убирают", "свалка мусора во дворе",
            "мусор не вывозят неделю", "вывоз мусора сорван", "мусоровоз не приезжал", "горы мусора у контейнерной площадки"];
        string[] heat = ["холодные батареи", "нет отопления в квартире", "батареи еле теплые", "отопление не включили",
            "в квартире холодно батареи", "отключили отопление", "плохо греют батареи", "отопление не работает"];
        string[] pits = ["яма на дороге", "огромные ямы на асфальте", "разбитая дорога", "ямы на проезжей части",
            "дорогу не ремонтируют ямы", "провал асфальта на дороге", "колея и ямы на улице", "ямочный ремонт дороги"];
        var examples = waste.Select(t => (t, "zhkh-waste")).Concat(heat.Select(t => (t, "zhkh-heat"))).Concat(pits.Select(t => (t, "roads-pits")));
        return TopicTrainer.Train(examples, new TopicTrainerOptions { Featurizer = new TextFeaturizerOptions { HashBits = 14 } });
    }
}
