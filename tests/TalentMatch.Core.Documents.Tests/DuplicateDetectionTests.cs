using TalentMatch.Core.Documents.Duplicates;

namespace TalentMatch.Core.Documents.Tests;

public class DuplicateDetectionTests
{
    private static readonly DateOnly Reference = new(2025, 6, 1);

    private const string Jane = """
        Jane Q. Doe
        Senior Machine Learning Engineer
        jane.doe@example.com | +1 415 555 0134
        SUMMARY
        ML engineer building retrieval systems and distributed training pipelines for large language models.
        WORK EXPERIENCE
        Senior ML Engineer, Acme AI
        Jan 2021 – Present
        Built a RAG platform serving 40 million queries a day; cut GPU cost by a third with vLLM and quantisation.
        Data Scientist, Globex (Berlin)
        2017 - 2020
        Forecasting models in PyTorch and LightGBM for 300 stores; owned the feature store and its Airflow jobs.
        EDUCATION
        M.Sc. in Computer Science, Technical University of Munich, 2017
        Languages: English, German
        """;

    private const string Other = """
        Rahul Sharma
        Senior Machine Learning Engineer
        rahul.sharma@example.org | +91 98450 12345
        SUMMARY
        Machine learning engineer focused on computer vision at the edge and model compression.
        WORK EXPERIENCE
        Senior Machine Learning Engineer, Initech
        Mar 2019 – Present
        Shipped on-device detection models with TensorRT; built the labelling and evaluation tooling.
        Software Engineer, Hooli (Bengaluru)
        2015 - 2019
        Backend services in Java and Go; later the team's first recommendation model.
        EDUCATION
        B.Tech in Electronics, IIT Madras, 2015
        """;

    [Theory]
    [InlineData(" Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("jane.doe@example.com.", "jane.doe@example.com")]
    [InlineData("not-an-address", null)]
    [InlineData("@example.com", null)]
    [InlineData(null, null)]
    public void E_mail_is_trimmed_and_lower_cased(string? input, string? expected) =>
        Assert.Equal(expected, ContactNormalizer.Email(input));

    [Theory]
    [InlineData("13800138000", "+8613800138000")]
    [InlineData("138 0013 8000", "+8613800138000")]
    [InlineData("138-0013-8000", "+8613800138000")]
    [InlineData("+86 138 0013 8000", "+8613800138000")]
    [InlineData("(+86) 138-0013-8000", "+8613800138000")]
    [InlineData("0086 13800138000", "+8613800138000")]
    [InlineData("8613800138000", "+8613800138000")]
    [InlineData("＋８６ １３８００１３８０００", "+8613800138000")]
    [InlineData("+86 (0)10 6552 9988", "+861065529988")]
    [InlineData("+1 (415) 555-0134", "+14155550134")]
    [InlineData("001 415 555 0134", "+14155550134")]
    [InlineData("415.555.0134", "4155550134")]
    [InlineData("12345", null)]
    [InlineData("call me", null)]
    [InlineData("+1 234 567 890 123 456 789", null)]
    public void Phones_go_to_E164_where_the_country_is_known(string input, string? expected) =>
        Assert.Equal(expected, ContactNormalizer.Phone(input));

    [Fact]
    public void Names_and_employers_compare_without_case_order_or_legal_form()
    {
        Assert.Equal(ContactNormalizer.Name("Jane Doe"), ContactNormalizer.Name("DOE, Jane"));
        Assert.Equal("张伟", ContactNormalizer.Name("张伟"));
        Assert.Equal(ContactNormalizer.Employer("Acme AI"), ContactNormalizer.Employer("ACME AI Inc."));
        Assert.Equal(ContactNormalizer.Employer("华为技术有限公司"), ContactNormalizer.Employer("华为技术"));
        Assert.Null(ContactNormalizer.Employer("Ltd."));
    }

    [Fact]
    public void The_same_resume_with_a_typo_every_200_characters_and_spacing_changes_is_flagged_for_its_text()
    {
        var edited = string.Concat(Jane.Select((c, i) => i % 200 == 199 && char.IsLetter(c) ? 'x' : c))
            .Replace("\n", "\n\n", StringComparison.Ordinal).Replace("jane.doe@example.com | ", "", StringComparison.Ordinal);

        var assessment = DuplicateScorer.Assess(Fingerprint("t1", Jane), Fingerprint("t1", edited));

        Assert.True(assessment.IsSuspected, string.Join(", ", assessment.Reasons));
        var similarity = Assert.Single(assessment.Reasons, r => r.StartsWith("text ", StringComparison.Ordinal));
        Assert.InRange(double.Parse(similarity.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 0.8, 0.99);
        Assert.Contains("same name", assessment.Reasons);
        Assert.DoesNotContain("same e-mail", assessment.Reasons);
    }

    [Fact]
    public void Re_ordered_sections_read_as_the_same_text()
    {
        var parts = Jane.Split("EDUCATION");
        var reordered = parts[0].Split("WORK EXPERIENCE")[0] + "EDUCATION" + parts[1] + "\nWORK EXPERIENCE" + parts[0].Split("WORK EXPERIENCE")[1];

        var assessment = DuplicateScorer.Assess(Fingerprint("t1", Jane), Fingerprint("t1", reordered));

        Assert.True(TextSignature.Similarity(Fingerprint("t1", Jane).Signature, Fingerprint("t1", reordered).Signature) > 0.8);
        Assert.True(assessment.IsSuspected);
    }

    [Fact]
    public void Another_text_with_the_same_e_mail_is_flagged_with_the_reason()
    {
        var rewritten = "J. Doe — résumé\nContact: JANE.DOE@EXAMPLE.COM\nI build search and ranking systems.";

        var assessment = DuplicateScorer.Assess(Fingerprint("t1", Jane), Fingerprint("t1", rewritten));

        Assert.True(assessment.IsSuspected);
        Assert.Equal("same e-mail", assessment.Reasons[0]);
        Assert.Equal(0.99, assessment.Score);
    }

    [Fact]
    public void A_chinese_mobile_written_two_ways_is_the_same_phone()
    {
        var a = Fingerprint("t1", "张伟\n电话：138-0013-8000\n算法工程师，五年推荐系统经验。");
        var b = Fingerprint("t1", "Zhang Wei\nMobile: +86 13800138000\nAlgorithm engineer, recommender systems.");

        var assessment = DuplicateScorer.Assess(a, b);

        Assert.True(assessment.IsSuspected);
        Assert.Contains("same phone", assessment.Reasons);
    }

    [Fact]
    public void A_different_person_with_the_same_title_is_not_flagged()
    {
        var assessment = DuplicateScorer.Assess(Fingerprint("t1", Jane), Fingerprint("t1", Other));

        Assert.False(assessment.IsSuspected, $"{assessment.Score}: {string.Join(", ", assessment.Reasons)}");
        Assert.True(assessment.Score < 0.3);
    }

    [Fact]
    public void Hashes_are_keyed_by_tenant_so_nothing_links_across_tenants()
    {
        var one = Fingerprint("t1", Jane);
        var two = Fingerprint("t2", Jane);

        Assert.Empty(one.Emails.Intersect(two.Emails));
        Assert.DoesNotContain(one.Emails, e => e.Contains("jane", StringComparison.Ordinal));
        Assert.DoesNotContain("same e-mail", DuplicateScorer.Assess(one, two).Reasons);
    }

    [Fact]
    public void Near_duplicates_share_a_lookup_key_and_strangers_share_none()
    {
        var keys = Fingerprint("t1", Jane).LookupKeys().ToHashSet();
        var trimmed = Jane[..(Jane.Length * 3 / 4)];

        Assert.Contains(Fingerprint("t1", trimmed).LookupKeys(), keys.Contains);
        Assert.DoesNotContain(Fingerprint("t1", Other).LookupKeys(), keys.Contains);
        Assert.All(keys, k => Assert.True(k.Length <= DuplicateFingerprint.MaxKeyLength, k));
    }

    [Fact]
    public void Empty_and_hostile_texts_give_a_signature_that_matches_nothing()
    {
        var empty = TextSignature.Compute("!!! ...");
        Assert.Empty(TextSignature.BandHashes(empty));
        Assert.Equal(0, TextSignature.Similarity(empty, empty));

        var huge = TextSignature.Compute(new string('a', 5_000_000));
        Assert.Equal(TextSignature.Length, huge.Length);
    }

    private static DuplicateFingerprint Fingerprint(string tenant, string text) =>
        DuplicateFingerprint.Create(tenant, text, ResumeParser.Parse(text, Reference, TestContext.Current.CancellationToken));

    [Fact]
    public void The_index_finds_the_earlier_duplicate_and_ignores_a_contact_that_five_hold()
    {
        var index = new DuplicateIndex();
        Assert.Empty(index.Add(Fingerprint("t1", Jane)));
        Assert.Empty(index.Add(Fingerprint("t1", Other)));

        var again = Assert.Single(index.Add(Fingerprint("t1", Jane)));
        Assert.Equal((0, 2), (again.Earlier, again.Later));
        Assert.True(again.Assessment.IsSuspected);

        // An agency's switchboard on five unrelated resumes: from the fifth holder on it neither finds nor counts.
        var agency = new DuplicateIndex();
        string Short(int i) => $"Candidate {i}\nTel: +44 20 7946 0000\n{string.Join(' ', Enumerable.Range(0, 40).Select(w => $"w{i}x{w}"))}";
        for (var i = 0; i < DuplicateScorer.SharedContactHolders; i++)
        {
            var pairs = agency.Add(Fingerprint("t1", Short(i)));
            Assert.Equal(i, pairs.Count); // found by the phone alone: the texts share no band
            Assert.All(pairs, p => Assert.Contains("same phone", p.Assessment.Reasons));
        }

        Assert.Empty(agency.Add(Fingerprint("t1", Short(99))));
    }

    [Fact]
    public void The_threshold_decides_what_is_suspected()
    {
        // No contact lines, a few lines apart: the text decides, between 0.5 and 0.98.
        var older = Fingerprint("t1", string.Join('\n', Jane.Split('\n').Skip(3).SkipLast(2)));
        var newer = Fingerprint("t1", string.Join('\n', Jane.Split('\n').Skip(3)));
        var loose = new DuplicateIndex();
        var strict = new DuplicateIndex(threshold: 0.99);
        loose.Add(older);
        strict.Add(older);

        var atDefault = Assert.Single(loose.Add(newer)).Assessment;
        var atStrict = Assert.Single(strict.Add(newer)).Assessment;

        Assert.InRange(atDefault.Score, 0.5, 0.98);
        Assert.True(atDefault.IsSuspected);
        Assert.Equal(atDefault.Score, atStrict.Score);
        Assert.False(atStrict.IsSuspected);
    }

    [Fact]
    public void Hashes_sent_by_ingestion_make_the_fingerprint_that_parsing_here_makes_and_malformed_ones_are_dropped()
    {
        var parsed = ResumeParser.Parse(Jane, Reference, TestContext.Current.CancellationToken);
        var sent = DuplicateFingerprint.ContactsOf("t1", parsed);
        var fromHashes = DuplicateFingerprint.FromHashes(sent.Emails, sent.Phones, sent.Name, sent.Employers, Jane);
        var reparsed = DuplicateFingerprint.Create("t1", Jane, parsed);

        Assert.Equal(reparsed.LookupKeys(), fromHashes.LookupKeys());
        Assert.Equal(reparsed.Emails, fromHashes.Emails);
        Assert.Equal(reparsed.Phones, fromHashes.Phones);
        Assert.Equal(reparsed.Name, fromHashes.Name);
        Assert.Equal(reparsed.Employers, fromHashes.Employers);
        Assert.Equal(reparsed.Signature, fromHashes.Signature);
        Assert.Empty(sent.Signature); // the text's signature is the api's: it holds the text

        // Off the bus the hashes are untrusted: anything but 32 lower-case hex digits goes, and each kind stops at the limit.
        var hostile = DuplicateFingerprint.FromHashes(
            ["jane.doe@example.com", new string('a', 33), sent.Emails[0].ToUpperInvariant(), .. Enumerable.Range(0, 50).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture))],
            null, "' OR 1=1 --", null, Jane);
        Assert.Equal(DuplicateFingerprint.MaxValuesPerKind, hostile.Emails.Count);
        Assert.All(hostile.Emails, e => Assert.Matches("^[0-9a-f]{32}$", e));
        Assert.Null(hostile.Name);
        Assert.Empty(hostile.Phones);
    }

    [Fact]
    public void A_packed_fingerprint_reads_back_the_same_and_bytes_that_are_not_one_are_refused()
    {
        var parsed = ResumeParser.Parse(Jane, Reference, TestContext.Current.CancellationToken);
        var fingerprint = DuplicateFingerprint.Create("tenant-a", Jane, parsed);
        Assert.NotEmpty(fingerprint.Emails);
        Assert.NotNull(fingerprint.Name);
        Assert.NotEmpty(fingerprint.Employers);

        var packed = fingerprint.Pack();
        var read = DuplicateFingerprint.Unpack(packed);
        Assert.Equal(fingerprint.Emails, read.Emails);
        Assert.Equal(fingerprint.Phones, read.Phones);
        Assert.Equal(fingerprint.Name, read.Name);
        Assert.Equal(fingerprint.Employers, read.Employers);
        Assert.Equal(fingerprint.Signature, read.Signature);
        Assert.Contains("text 1.00 similar", DuplicateScorer.Assess(fingerprint, read).Reasons);
        Assert.True(packed.Length < 700, $"{packed.Length} bytes");

        var bare = DuplicateFingerprint.Create("tenant-a", "", null); // no hashes, a signature that matches nothing
        Assert.Equal(bare.Signature, DuplicateFingerprint.Unpack(bare.Pack()).Signature);
        Assert.Null(DuplicateFingerprint.Unpack(bare.Pack()).Name);

        Assert.Throws<InvalidDataException>(() => DuplicateFingerprint.Unpack(packed.AsSpan(0, packed.Length - 1)));
        Assert.Throws<InvalidDataException>(() => DuplicateFingerprint.Unpack([]));
        var otherFormat = packed.ToArray();
        otherFormat[0] = 2;
        Assert.Throws<InvalidDataException>(() => DuplicateFingerprint.Unpack(otherFormat));
    }

    [Fact]
    public void The_index_scores_the_strongest_evidence_first_when_more_than_its_bound_share_a_key()
    {
        string Hash(int i) => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        var name = Hash(1);
        var employer = Hash(2);
        var email = Hash(3);
        var index = new DuplicateIndex();
        // 300 strangers with the same name and employer (a weaker key), each with a text of its own.
        var random = new Random(20);
        for (var i = 0; i < 300; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 80).Select(_ => new string([.. Enumerable.Range(0, 6).Select(_ => (char)random.Next('a', 'z' + 1))])));
            Assert.All(index.Add(DuplicateFingerprint.FromHashes([Hash(1000 + i)], [], name, [employer], text)), p => Assert.False(p.Assessment.IsSuspected));
        }

        // Then the one who shares the e-mail: added last, so "the first MaxComparisons holders" would never reach it.
        index.Add(DuplicateFingerprint.FromHashes([email], [], Hash(4), [Hash(5)], Jane));
        var scored = index.Add(DuplicateFingerprint.FromHashes([email], [], name, [employer], Other));

        Assert.Equal(DuplicateIndex.MaxComparisons, scored.Count);
        var same = Assert.Single(scored, p => p.Assessment.IsSuspected);
        Assert.Equal(300, same.Earlier);
        Assert.Contains("same e-mail", same.Assessment.Reasons);
    }
}
