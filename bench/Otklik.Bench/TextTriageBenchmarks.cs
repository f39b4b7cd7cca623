using BenchmarkDotNet.Attributes;
using Otklik.Core.Registry;
using Otklik.Triage.Repeats;
using Otklik.Triage.Text;

namespace Otklik.Bench;

/// <summary>
/// The text side of triage per message: TextTriage.Analyse (normalise, exclusion, place, importance, flags) and a
/// repeat lookup in an index of 20,000 earlier messages, over a mix of 50 short posts written for this benchmark.
/// Figures are per message (OperationsPerInvoke). Goal: the whole triage (with the topic model) at 20,000
/// messages/s on one core, so this part should stay at or below about 15 µs per message.
/// Run: dotnet run -c Release --project bench/Otklik.Bench -- --filter '*TextTriage*'
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the index in GlobalCleanup")]
public class TextTriageBenchmarks
{
    private static readonly string[] s_posts =
    [
        "В Невинномысске на ул. Ленина третий день нет горячей воды, когда дадут?",
        "Уважаемая администрация! Во дворе дома 14 по улице Мира огромная яма, машины ломают подвески.",
        "Опять не вывезли мусор, контейнеры переполнены, крысы бегают по двору",
        "Нет света во всём микрорайоне с утра, дети дома, холодно, что происходит?",
        "Спасибо коммунальщикам за быстрый ремонт крыши!",
        "Когда починят фонари на Октябрьской? Вечером темно, страшно идти",
        "В Пятигорске автобус №5 не ходит по расписанию, ждали 40 минут",
        "Прорыв трубы на Садовой, кипяток хлещет прямо на тротуар!!!",
        "Горит сухая трава за гаражами, дым идёт на дома, вызовите пожарных",
        "ДТП на перекрёстке Пушкина и Гагарина, есть пострадавшие, скорая едет",
        "да сколько можно, бл*ть, третий раз пишу про эту яму",
        "Управляющая компания не отвечает на звонки уже неделю",
        "Без отопления весь дом, батареи ледяные, на улице минус",
        "В Кисловодске в парке сломаны лавочки и не работает фонтан",
        "Дороги в Шпаковском округе разбиты, ездить невозможно",
        "Подскажите, куда жаловаться на шум от стройки по ночам?",
        "Вода из крана ржавая, пить невозможно, в доме маленькие дети",
        "Во дворе собаки бросаются на людей, стая бродячих псов",
        "Детская площадка разломана, торчат гвозди, дети могут пораниться",
        "Очередь в поликлинике с 6 утра, к терапевту не попасть",
        "В школе №3 холодно в классах, дети сидят в куртках",
        "Лифт в подъезде не работает вторую неделю, пожилые люди не могут выйти",
        "Администрация города, когда отремонтируете дорогу на Промышленной?",
        "Губернатор обещал новую больницу, где она?",
        "Начальник ЖЭКа берёт взятки за подключение, разберитесь",
        "у подъезда постоянно закладки, наркоманы сидят на лавочке",
        "Снег не убирают, тротуары как каток, бабушка упала и сломала руку",
        "Маршрутки переполнены, водители хамят, деньги берут без чеков",
        "В Михайловске снова отключили газ без предупреждения",
        "Канализация затопила подвал, запах на весь подъезд",
        "Ооочень плохо убирают улицы, всё в грязи",
        "Где обещанный ремонт моста в Изобильном? Деньги выделили, а работ нет",
        "Прошу установить светофор у школы, дети перебегают дорогу",
        "вы там в администрации совсем тупые? сколько можно писать",
        "Сосед сверху затопил квартиру, управляющая компания бездействует",
        "Повесили новые тарифы, а услуги хуже некуда",
        "На остановке нет навеса, люди мокнут под дождём",
        "Прошу проверить качество воды в Ессентуках, у многих отравление",
        "Почему не работает горячая линия минздрава?",
        "Спасибо за новую остановку, очень удобно",
        "Обрушился потолок в подъезде дома 7, чудом никто не пострадал",
        "Траву не косят, клещи, дети гуляют во дворе",
        "В Ставрополе опять перекопали улицу и бросили",
        "Кто отвечает за уборку парка? Мусор неделями лежит",
        "Тепла нет, горячей воды нет, платить за что?",
        "Запах газа в подъезде, позвонили в аварийку, никто не едет",
        "Требуем вернуть автобус до села, люди ходят пешком 5 км",
        "Интернет в посёлке не работает, дети не могут учиться дистанционно",
        "Мэр обещал, мэр забыл, дорога так и не сделана",
        "Я тебя найду и сожгу твою машину, урод",
    ];

    private TextTriage _triage = null!;
    private RepeatIndex _index = null!;
    private readonly GeoPoint _point = new(45.04, 41.97);

    [GlobalSetup]
    public void Setup()
    {
        _triage = TextTriage.ForRegion("stavropol");
        _index = new RepeatIndex();
        // 20,000 earlier messages: random mixes of the posts' words with house numbers (mostly unrelated to each
        // other), and every post once more with a small edit, so that each lookup finds its repeat.
        var random = new Random(7);
        var vocabulary = s_posts.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var words = Enumerable.Range(0, random.Next(8, 25)).Select(_ => vocabulary[random.Next(vocabulary.Length)]);
            _index.Add($"m{i}", $"{string.Join(' ', words)} дом {random.Next(1, 200)}");
        }
        for (var i = 0; i < s_posts.Length; i++)
            _index.Add($"p{i}", s_posts[i] + " Примите меры!");
        foreach (var post in s_posts)
            _triage.Analyse(post); // warm the word caches, as a running service has them
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(OperationsPerInvoke = 50)]
    public int Analyse()
    {
        var n = 0;
        foreach (var post in s_posts)
            n += _triage.Analyse(post, _point, 120).Tokens.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = 50)]
    public int RepeatLookup()
    {
        var n = 0;
        foreach (var post in s_posts)
            n += _index.FindSimilar(post) is null ? 0 : 1;
        return n;
    }

    [Benchmark(OperationsPerInvoke = 50)]
    public int AnalyseAndRepeatLookup()
    {
        var n = 0;
        foreach (var post in s_posts)
        {
            var result = _triage.Analyse(post, _point, 120);
            n += _index.FindSimilar(result.Text) is null ? 0 : 1;
        }
        return n;
    }
}
