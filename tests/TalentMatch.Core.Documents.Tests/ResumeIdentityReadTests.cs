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
            + "Education 2005 - 2008  12/09/1985\nReferences available.\nContact  T: 0123 345 7890  Tel: (123)345 7890.  Voice: 717- 980-3461");

        Assert.Equal("[name]  [phone]  [phone]  Mobile : [phone]  Cell: [phone]  Education 2005 - 2008  12/09/1985\nReferences available.\n"
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
}
