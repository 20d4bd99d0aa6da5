using Konomi.TasteModels.Embedding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.TasteModels.Tests;

public class EmbeddingFamilyTests
{
    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public void Japanese_works_are_refused_by_MiniLM_naming_the_share_of_unknown_tokens()
    {
        string[] titles =
        [
            "【耳かき・添い寝】ダウナー系幼馴染の甘やかしボイス【バイノーラル】",
            "ツンデレ生徒会長のひみつの放課後～囁き声でご褒美～",
            "癒やしの狐巫女さんと過ごす、ゆったり温泉旅館",
            "ぜんぶ忘れて眠れる夜。ささやき睡眠導入CD",
            "ゲームセンターで出会ったギャルの後輩とデート",
            "ドジっ子メイドのごほうびマッサージ【ASMR】",
        ];
        var examples = titles.Select((t, i) => new Example(TasteInput.FromText(t), i % 2 == 0)).ToArray();

        var error = Should.Throw<InvalidOperationException>(() => MiniLm.Family.Train(examples, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("reads");
        error.Message.ShouldContain("as unknown tokens");
        error.Message.ShouldContain("TasteModels:Embedding:MaxUnknownTokenShare");
        TestContext.Current.TestOutputHelper?.WriteLine(error.Message);
    }

    [Fact]
    public void MiniLM_puts_paraphrases_closer_than_unrelated_sentences()
    {
        var vectors = MiniLm.Family.Embed(
        [
            "A man is eating food.",
            "A man is eating a piece of bread.",
            "The girl is carrying a baby.",
            "A cheetah is running behind its prey.",
        ]);

        vectors.ShouldAllBe(v => v.Length == 384);
        vectors.ShouldAllBe(v => Math.Abs(Math.Sqrt(v.Sum(x => (double)x * x)) - 1) < 1e-5);
        var paraphrase = Cosine(vectors[0], vectors[1]);
        paraphrase.ShouldBeGreaterThan(0.6);
        paraphrase.ShouldBeGreaterThan(Cosine(vectors[0], vectors[2]) + 0.3);
        paraphrase.ShouldBeGreaterThan(Cosine(vectors[0], vectors[3]) + 0.3);
    }

    [Fact]
    public void Embeddings_are_the_same_alone_or_in_a_padded_batch()
    {
        var family = MiniLm.Create(new EmbeddingOptions { BatchSize = 8 });
        var alone = family.Embed(["short"])[0];
        var batched = MiniLm.Create(new EmbeddingOptions { BatchSize = 8 }).Embed(["short", "a much longer sentence that forces the short one to be padded"])[0];

        for (var d = 0; d < alone.Length; d++) batched[d].ShouldBe(alone[d], 1e-4f);
    }

    [Fact]
    public void The_cache_computes_each_text_once_in_memory_and_on_disk()
    {
        var directory = Directory.CreateTempSubdirectory("konomi-embeddings-").FullName;
        try
        {
            var computed = new List<string>();
            IReadOnlyList<float[]> Compute(IReadOnlyList<string> texts)
            {
                computed.AddRange(texts);
                return texts.Select(t => new[] { t.Length, 1f }).ToArray();
            }

            var cache = new EmbeddingCache(directory);
            cache.GetOrCompute("m1", ["a", "bb", "a"], Compute);
            cache.GetOrCompute("m1", ["bb", "ccc"], Compute);
            computed.ShouldBe(["a", "bb", "ccc"]);

            var restarted = new EmbeddingCache(directory);
            restarted.GetOrCompute("m1", ["ccc", "a"], Compute)[0].ShouldBe([3f, 1f]);
            computed.Count.ShouldBe(3);

            restarted.GetOrCompute("other-model", ["a"], Compute);
            computed.Count.ShouldBe(4);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_cache_file_cut_short_is_computed_again_and_rewritten_and_a_disk_that_cannot_take_one_fails_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("konomi-embeddings-").FullName;
        try
        {
            var computed = new List<string>();
            IReadOnlyList<float[]> Compute(IReadOnlyList<string> texts)
            {
                computed.AddRange(texts);
                return texts.Select(t => new[] { t.Length, 1f, 2f }).ToArray();
            }
            new EmbeddingCache(directory).GetOrCompute("m1", ["a", "bb", "ccc"], Compute);
            // A power cut before the disk had them: one file empty, one cut mid-vector, one cut at a float's end.
            var files = Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToArray();
            files.Length.ShouldBe(3);
            File.WriteAllBytes(files[0], []);
            File.WriteAllBytes(files[1], File.ReadAllBytes(files[1])[..^3]);
            File.WriteAllBytes(files[2], File.ReadAllBytes(files[2])[..^4]);

            new EmbeddingCache(directory).GetOrCompute("m1", ["a", "bb", "ccc"], Compute).ShouldBe([[1f, 1f, 2f], [2f, 1f, 2f], [3f, 1f, 2f]]);
            computed.Count.ShouldBe(6);
            new EmbeddingCache(directory).GetOrCompute("m1", ["ccc", "a", "bb"], Compute).ShouldBe([[3f, 1f, 2f], [1f, 1f, 2f], [2f, 1f, 2f]]);
            computed.Count.ShouldBe(6, "the rewritten files are read");

            // A folder the disk will not create (a file where it should be, as a full or read-only disk refuses it).
            var blocked = Path.Combine(directory, "blocked");
            File.WriteAllText(blocked, "");
            new EmbeddingCache(Path.Combine(blocked, "embeddings")).GetOrCompute("m1", ["dddd"], Compute).ShouldBe([[4f, 1f, 2f]]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_cache_folder_that_cannot_take_a_file_is_one_warning_naming_it_and_the_rest_debug()
    {
        var directory = Directory.CreateTempSubdirectory("konomi-embeddings-").FullName;
        try
        {
            // A file where the folder should be: the disk refuses every write into it, as a full or read-only one does.
            var blocked = Path.Combine(directory, "blocked");
            File.WriteAllText(blocked, "");
            var logger = new FakeLogger();
            var cache = new EmbeddingCache(Path.Combine(blocked, "embeddings"), logger: logger);
            IReadOnlyList<float[]> Compute(IReadOnlyList<string> texts) => texts.Select(t => new[] { (float)t.Length }).ToArray();

            cache.GetOrCompute("m1", ["a", "bb"], Compute).ShouldBe([[1f], [2f]]);
            cache.GetOrCompute("m1", ["ccc"], Compute).ShouldBe([[3f]]);

            var records = logger.Collector.GetSnapshot();
            records.Count.ShouldBe(3);
            records.Count(r => r.Level == LogLevel.Warning).ShouldBe(1);
            records[0].Level.ShouldBe(LogLevel.Warning);
            records[0].Message.ShouldContain(Path.Combine(blocked, "embeddings"));
            records[0].Message.ShouldContain("kept in memory only");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_memory_cache_holds_no_more_than_its_bound_and_still_serves_hits()
    {
        var computed = new List<string>();
        IReadOnlyList<float[]> Compute(IReadOnlyList<string> texts)
        {
            computed.AddRange(texts);
            return texts.Select(t => new[] { (float)t.Length }).ToArray();
        }
        using var cache = new EmbeddingCache(directory: null, maxEntries: 2);

        cache.GetOrCompute("m1", ["a", "bb"], Compute);
        cache.GetOrCompute("m1", ["a"], Compute);
        var vectors = cache.GetOrCompute("m1", ["ccc", "dddd", "eeeee"], Compute);

        computed.ShouldBe(["a", "bb", "ccc", "dddd", "eeeee"]);
        vectors.Select(v => v[0]).ShouldBe([3f, 4f, 5f]);
        cache.Count.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public void A_head_trained_on_MiniLM_embeddings_separates_topics_and_survives_saving()
    {
        string[] cats = ["My cat sleeps on the sofa all day.", "Kittens love to chase a ball of yarn.", "The cat purrs when I stroke its fur.", "Our cat caught a mouse in the garden.", "A stray cat meowed at the door.", "The kitten climbed the curtains again."];
        string[] finance = ["The central bank raised interest rates.", "Stock markets fell after the earnings report.", "Bond yields climbed to a ten-year high.", "The company issued new shares to investors.", "Inflation data surprised the economists.", "The currency weakened against the dollar."];
        var examples = cats.Select(t => new Example(TasteInput.FromText(t), true))
            .Concat(finance.Select(t => new Example(TasteInput.FromText(t), false))).ToArray();

        var model = MiniLm.Family.Train(examples, TestContext.Current.CancellationToken);
        var inputs = new[] { TasteInput.FromText("A fluffy cat naps in the sun."), TasteInput.FromText("Shares dropped as rates rose.") };
        var predictions = model.Predict(inputs);

        predictions[0].Score.ShouldBeGreaterThan(model.Threshold);
        predictions[1].Score.ShouldBeLessThan(model.Threshold);
        predictions[0].Reasons[0].Text.ShouldStartWith("similar to: ");
        cats.ShouldContain(predictions[0].Reasons[0].Text["similar to: ".Length..]);

        var loaded = MiniLm.Family.Deserialize(model.Serialize());
        loaded.Predict(inputs).Select(p => p.Score).ShouldBe(predictions.Select(p => p.Score));
        loaded.Threshold.ShouldBe(model.Threshold);
    }

    [Fact]
    public void A_head_saved_for_other_embeddings_is_refused()
    {
        var model = MiniLm.Family.Train(
            [new(TasteInput.FromText("cats"), true), new(TasteInput.FromText("stocks"), false), new(TasteInput.FromText("kittens"), true), new(TasteInput.FromText("bonds"), false), new(TasteInput.FromText("a cat"), true), new(TasteInput.FromText("rates"), false)],
            TestContext.Current.CancellationToken);
        var bytes = model.Serialize();
        var otherId = System.Text.Encoding.UTF8.GetBytes(MiniLm.Family.ModelId.Replace(MiniLm.Family.ModelId[0], MiniLm.Family.ModelId[0] == 'a' ? 'b' : 'a'));
        otherId.CopyTo(bytes, 6);

        Should.Throw<InvalidDataException>(() => MiniLm.Family.Deserialize(bytes)).Message.ShouldContain("Retrain");
    }
}
