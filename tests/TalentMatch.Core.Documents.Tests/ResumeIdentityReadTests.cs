namespace TalentMatch.Core.Documents.Tests;

/// <summary>
/// What an anonymised read finds in resumes written the way the public corpus writes them (docs/redaction-gold-set.md):
/// PDF-flattened lines, long names, phones in their many forms, personal values labelled in the middle of a line.
/// </summary>
public class ResumeIdentityReadTests
{
    private static string Read(string text) => Redaction.Redact(text, RedactionOptions.Default, TestContext.Current.CancellationToken).Text;

    [Fact]
    public void A_flattened_header_gives_the_name_without_its_credentials_or_a_leading_quote()
    {
        var redacted = Read("\"Todd Ana Kertzmann, MBA, PMP  12345 East Oaks Drive  Bangor, ME  123-345-7890  ASchinner@hotmail.com    "
            + "CERTIFIED PROJECT MANAGER  Todd Ana Kertzmann led twelve projects.");

        Assert.Equal("\"[name], MBA, PMP  [address]  Bangor, ME  [phone]  [email]    CERTIFIED PROJECT MANAGER  [name] led twelve projects.", redacted);
    }

    [Fact]
    public void A_name_of_many_words_or_with_an_apostrophe_or_cut_by_a_full_stop_is_found()
    {
        Assert.StartsWith("[name]\nHome:", Read("Terrell Earle Bret Micheline Demarcus Eartha Alana Robin Spencer\nHome: (123)345-7890\nSales executive."), StringComparison.Ordinal);
        Assert.StartsWith("[name]  [address], Pflugerville", Read("Jeff O'Kon  19217 Kennemer Drive, Pflugerville, Texas 78660  Applied Skills  QA automation."), StringComparison.Ordinal);
        Assert.StartsWith("Copy Writer CV Resume Template  [name]. Heath  East Vill.", Read("Copy Writer CV Resume Template  Omar Blossom Jacobson. Heath  East Vill., New York City  Phone: 123-345-7890"), StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_person_seeks_and_employers_after_the_first_heading_are_not_names()
    {
        var redacted = Read("BS in Digital Cinema Resume Example  Student Seeking Internship  Clair Ratke  (123)345-7890  Objective  "
            + "To obtain an internship.  PROFESSIONAL EXPERIENCE  TAROKO TECHNOLOGIES, San Francisco, CA  Social Media Manager");

        Assert.StartsWith("BS in Digital Cinema Resume Example  Student Seeking Internship  [name]  [phone]  Objective", redacted, StringComparison.Ordinal);
        Assert.Contains("TAROKO TECHNOLOGIES, San Francisco", redacted, StringComparison.Ordinal);
        Assert.Contains("To obtain an internship.", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_link_that_spells_the_name_finds_it_where_a_title_follows_on_the_same_line()
    {
        var redacted = Read("Allen Neal King ESB Integration Developer - Cisco Systems\nHyderabad, Telangana\nMule ESB since 2015.\nhttps://www.indeed.com/r/allen-neal-king");

        Assert.StartsWith("[name] ESB Integration Developer - Cisco Systems\nHyderabad, Telangana\nMule ESB since 2015.\n[link]", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Phones_in_their_common_written_forms_are_found_and_dates_at_the_top_are_not()
    {
        var redacted = Read("Jane Roe  (123) 456 -5890  688 - 754 - 1489  Mobile : 91- 1235456789  Cell: +91-99********  "
            + "Education 2005 - 2008  12/09/2015\nReferences available.\nContact  T: 0123 345 7890  Tel: (123)345 7890.  Voice: 717- 980-3461");

        Assert.Equal("[name]  [phone]  [phone]  Mobile : [phone]  Cell: [phone]  Education 2005 - 2008  12/09/2015\nReferences available.\n"
            + "Contact  T: [phone]  Tel: [phone].  Voice: [phone]", redacted);
    }

    [Fact]
    public void Personal_values_labelled_in_the_middle_of_a_line_are_found_and_the_birth_date_everywhere()
    {
        var redacted = Read("Divina Veum  Marketing manager  Driving license: Yes  Nationality: British  DOB: 12/09/1985 Marital status: Married  "
            + "Polish citizen. Born 12/09/1985 in Coventry.");

        Assert.Equal("[name]  Marketing manager  Driving license: Yes  Nationality: [origin]  DOB: [birth date] Marital status: [marital status]  "
            + "[origin] citizen. Born [birth date] in Coventry.", redacted);
    }

    [Fact]
    public void A_flattened_table_of_personal_details_gives_the_birth_date_and_marital_status_after_their_labels()
    {
        var redacted = Read("Anton Bradtke\nPERSONAL DOSSIER  Fathers Name  Date of Birth  Marital status  Languages Known    :  :  :  :    "
            + "Mr. Ravi Jain  16-01-1991  Single  English, Hindi");

        Assert.EndsWith("Ravi Jain  [birth date]  [marital status]  English, Hindi", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contact_block_that_opens_with_the_name_further_down_gives_its_street_address_and_an_employers_stays()
    {
        var summary = string.Concat(Enumerable.Repeat("Supported sales departments with direct marketing plans. ", 15));
        var redacted = Read($"Divina Veum  Marketing manager  {summary} Marketing assistant at Dayjob Ltd, 120 Vyse Street, Birmingham.  {summary}"
            + "PERSONAL DETAILS  Divina Veum  34 Anywhere Road  Coventry  CV6 7RF");

        Assert.Contains("PERSONAL DETAILS  [name]  [address]  Coventry", redacted, StringComparison.Ordinal);
        Assert.Contains("120 Vyse Street", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_street_without_a_house_number_at_the_top_is_an_address()
    {
        Assert.StartsWith("[name]  [address]  London  Phone: [phone]", Read("Domenic Nader  Reverie Road  London  Phone: 543-23-678  Objective  Sales."), StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_after_the_name_is_not_a_state_and_a_city_with_its_state_code_is_not_a_name()
    {
        Assert.StartsWith("[name], [gender] (CS), [gender] (TPP), PMP  [address]  Springfield, MO 65804  [phone]",
            Read("Hal Schmeler, MS (CS), MS (TPP), PMP  232 Olive Ave  Springfield, MO 65804  (123)345-7890"), StringComparison.Ordinal);
        Assert.StartsWith("[address]  San Francisco AC  94102  [phone]  [name]  Objective",
            Read("419 Rose Street  San Francisco AC  94102  (123)345-7890  Marty Ondricka  Objective  To obtain an internship."), StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_that_names_its_person_or_an_honorific_gives_the_name_in_any_number_of_words()
    {
        Assert.StartsWith("RESUME OF [name]  LOS ANGELES  [email]", Read("RESUME OF Darell Cormier  LOS ANGELES  Winter.Treutel@gmail.com  Objective  Flash developer."), StringComparison.Ordinal);
        Assert.Equal("Resume of [name]    Page 1 of 6    Resume of [name]    SAP consultant.", Read("Resume of Nolan    Page 1 of 6    Resume of Nolan    SAP consultant."));
        Assert.Equal("CURRICULUM VITAE  [gender] [name] B.E.(CIVIL)  Company Name  DUBAI - U.A.E.  [name] led site works.",
            Read("CURRICULUM VITAE  Mr. Durgan B.E.(CIVIL)  Company Name  DUBAI - U.A.E.  Durgan led site works."));
    }

    [Fact]
    public void Only_the_persons_own_links_are_hidden_and_the_sites_the_work_was_for_stay()
    {
        var summary = string.Concat(Enumerable.Repeat("Built and ran web shops for small clients. ", 16));
        var redacted = Read($"Jane Roe  jroe@example.com  http://janeroe.net  Objective  Web developer.\n{summary}\n"
            + "Built www.diljewels.com for a client. See github.com/janeroe and https://www.linkedin.com/in/jane-roe.\n"
            + "Writing: http://janeroe.net/blog/post-1 and http://lambda.example.org/paper.\nVisit my web site :  https://www.jane-site.fr/\n"
            + $"{summary}\nPage 2  jroe@example.com • www.eggwall.com");

        Assert.StartsWith("[name]  [email]  [link]  Objective", redacted, StringComparison.Ordinal);
        Assert.Contains("Built www.diljewels.com for a client. See [link] and [link].", redacted, StringComparison.Ordinal);
        Assert.Contains("Writing: [link] and http://lambda.example.org/paper.\nVisit my web site :  [link]\n", redacted, StringComparison.Ordinal);
        Assert.EndsWith("Page 2  [email] • [link]", redacted, StringComparison.Ordinal);
        // The embedding text still drops every link: what stored vectors were built from does not change.
        Assert.DoesNotContain("diljewels", ResumeParser.WithoutIdentity("Jane Roe\nBuilt www.diljewels.com for a client.", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void French_Indian_and_Nordic_streets_an_apartment_and_a_labelled_address_mid_line_are_addresses()
    {
        Assert.Equal("[name]  [address]  75019 Paris\nDibbert.V    [address],  Chennai - 600121\n[address], 0467 Oslo\n[address] | Sometown, OH\n[address]  Charlottesville, VA",
            Read("Jefferson Hoeger  42, rue Manin  75019 Paris\nDibbert.V    4/105,muthamizh nagar,  Chennai - 600121\nNydalsveien 37, 0467 Oslo\n"
                + "1405 Columbia Ave., Apt. #17 | Sometown, OH\n5726 Apple way Drive  Charlottesville, VA"));
        Assert.Contains("[address]  75019", Read("Ethyl Courtois  25 rue de la Bercilli\\xc3\\xa8re  75019 Paris"), StringComparison.Ordinal);
        Assert.EndsWith("Address: [address]- 411007,  Maharashtra, India",
            Read("Bob Dibbert  Email: b@example.com  Phone: +91 1231456789  Address: 4-Surya Park, 137/2-7 Vidya Vilas Colony,  Off ITI Road, Aundh, Pune- 411007,  Maharashtra, India"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_of_personal_details_gives_values_standing_alone_and_an_origin_is_hidden_wherever_it_is_written()
    {
        var redacted = Read("Renay Bailey  Age : 23  Single  Nationality : French\n"
            + "PERSONAL DETAILS  Date of Birth  Nationality  Marital status  :  :  :    11 November 1981  South African  Married  Languages: English, Afrikaans\n"
            + "Relationship status: Married. Born in Canada. Studied in Indiana; speaks French.");

        Assert.Equal("[name]  [age]  [marital status]  Nationality : [origin]\n"
            + "PERSONAL DETAILS  Date of Birth  Nationality  Marital status  :  :  :    [birth date]  [origin]  [marital status]  Languages: English, Afrikaans\n"
            + "Relationship status: [marital status]. Born in [origin]. Studied in Indiana; speaks [origin].", redacted);
    }

    [Fact]
    public void A_date_of_a_birth_year_at_the_top_is_the_birth_date_and_an_update_a_start_or_a_range_is_not()
    {
        var redacted = Read("Marvin Romaguera    ·    June 12, 1982    ··    Last update on October 10, 2004  Since 12/03/1999 with Acme; "
            + "01/05/1986, driving license  1998 - 2002  12/09/2015");

        Assert.Equal("[name]    ·    [birth date]    ··    Last update on October 10, 2004  Since 12/03/1999 with Acme; [birth date], driving license  1998 - 2002  12/09/2015", redacted);
    }

    [Fact]
    public void A_house_number_and_a_name_before_the_town_at_the_top_is_the_address_and_is_hidden_where_a_header_repeats_it()
    {
        var summary = string.Concat(Enumerable.Repeat("Planned and ran network upgrades for schools. ", 15));
        var redacted = Read($"Derek Kub    1255 University, Montreal, QC    123 345-7890    PROFILE  {summary}  Derek Kub  1255 University  page 2  "
            + "Worked 5 Years Experience, Pune, Maharashtra.");

        Assert.StartsWith("[name]    [address], Montreal, QC    [phone]    PROFILE", redacted, StringComparison.Ordinal);
        Assert.EndsWith("[name]  [address]  page 2  Worked 5 Years Experience, Pune, Maharashtra.", redacted, StringComparison.Ordinal);
        Assert.StartsWith("[name]  [address] \\xe2\\x97\\x8f Houston, TX", Read("Laticia Mante  7923 Bohning \\xe2\\x97\\x8f Houston, TX 77005  Tel: (123)345-7890"), StringComparison.Ordinal);
    }
}
