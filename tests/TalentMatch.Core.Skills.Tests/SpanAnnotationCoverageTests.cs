namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// Taxonomy 1.9.0 (issue #23, seventh round): nodes and forms for the skill phrases that other people annotated in
/// documents of no gold set (SkillSpan dev, dotin train; docs/taxonomy.md, "Nodes from independent span annotations"),
/// and the stop list: generic words, self-descriptions and ordinary English words stay unread.
/// </summary>
public class SpanAnnotationCoverageTests
{
    private static List<string> Ids(string text, ExtractionMode mode = ExtractionMode.Resume) =>
        SkillExtractor.Default.Extract(text, mode).Skills.Select(s => s.Id).ToList();

    [Theory]
    [InlineData("Web services: SOAP, REST, WSDL", "soap-protocol")]
    [InlineData("Web services: SOAP, REST, WSDL", "rest-api")]
    [InlineData("Designed a service oriented architecture on an enterprise service bus", "service-oriented-architecture")]
    [InlineData("Designed a service oriented architecture on an enterprise service bus", "enterprise-service-bus")]
    [InlineData("Java, J2EE, JSP, Servlets, EJB, JSTL, JAXB, Log4j", "onet-enterprise-javabeans")]
    [InlineData("Java, J2EE, JSP, Servlets, EJB, JSTL, JAXB, Log4j", "jstl")]
    [InlineData("Java, J2EE, JSP, Servlets, EJB, JSTL, JAXB, Log4j", "jaxb")]
    [InlineData("Java, J2EE, JSP, Servlets, EJB, JSTL, JAXB, Log4j", "log4j")]
    [InlineData("Built desktop tools in Java Swing", "java-swing")]
    [InlineData("GUI in Swing and AWT for a Java client", "java-swing")]
    [InlineData("Built the front end with Google Web Toolkit", "gwt")]
    [InlineData("Validated messages against XSD and XPath", "xml-schema")]
    [InlineData("Validated messages against XSD and XPath", "onet-xml-path-language-xpath")]
    [InlineData("Languages: C, C++, Pascal, Fortran", "pascal")]
    [InlineData("Languages: C, C++, Pascal, Fortran", "onet-formula-translation-translator-fortran")]
    [InlineData("Programmed microcontrollers in assembly language", "assembly-language")]
    [InlineData("Wrote the thesis in LaTeX", "latex")]
    [InlineData("Configured Ethernet, VLANs and routing protocols", "ethernet")]
    [InlineData("Configured Ethernet, VLANs and routing protocols", "vlan")]
    [InlineData("Configured Ethernet, VLANs and routing protocols", "routing-and-switching")]
    [InlineData("Knowledge of network security and firewalls", "network-security")]
    [InlineData("Servers: WebLogic, Tomcat; tools: TOAD, SQL Developer", "onet-oracle-weblogic-server")]
    [InlineData("Servers: WebLogic, Tomcat; tools: TOAD, SQL Developer", "onet-toadsoft-toad")]
    [InlineData("Version control: Subversion, StarTeam, PVCS", "onet-apache-subversion-svn")]
    [InlineData("Version control: Subversion, StarTeam, PVCS", "starteam")]
    [InlineData("Build tools: Ant, Maven, Jenkins", "onet-apache-ant")]
    [InlineData("Statistics in SPSS and monitoring in Splunk", "onet-ibm-spss-statistics")]
    [InlineData("Statistics in SPSS and monitoring in Splunk", "onet-splunk-enterprise")]
    [InlineData("Administered Exchange Server 2010 and SCOM alerts via System Center Operations Manager", "onet-microsoft-exchange")]
    [InlineData("Administered Exchange Server 2010 and SCOM alerts via System Center Operations Manager", "scom")]
    [InlineData("Test tools: WinRunner, Quality Center, ClearQuest", "onet-hewlett-packard-hp-winrunner")]
    [InlineData("Test tools: WinRunner, Quality Center, ClearQuest", "onet-hewlett-packard-hp-testdirector-for-quality-center")]
    [InlineData("Test tools: WinRunner, Quality Center, ClearQuest", "onet-ibm-rational-clearquest")]
    [InlineData("Platforms: Ubuntu/Fedora/Cent OS", "linux")]
    [InlineData("PLC programming with Siemens S7", "plc-programming")]
    [InlineData("Performed performance testing and user acceptance testing", "performance-testing")]
    [InlineData("Performed performance testing and user acceptance testing", "acceptance-testing")]
    [InlineData("Certified in Lean Six Sigma", "six-sigma")]
    [InlineData("Skills: change management, risk management, stakeholder management", "change-management")]
    [InlineData("Skills: change management, risk management, stakeholder management", "risk-management")]
    [InlineData("Skills: change management, risk management, stakeholder management", "stakeholder-management")]
    [InlineData("Skills: conflict resolution, team building, leadership", "conflict-resolution")]
    [InlineData("Skills: conflict resolution, team building, leadership", "team-building")]
    [InlineData("Strong organizational skills and adaptability", "organizational-skills")]
    [InlineData("Strong organizational skills and adaptability", "adaptability")]
    [InlineData("Managed procurement, vendor negotiation and budgeting", "procurement")]
    [InlineData("Managed procurement, vendor negotiation and budgeting", "budgeting")]
    [InlineData("Video editing and photo editing in Premiere and Photoshop", "video-editing")]
    [InlineData("Campaigns in Google AdWords", "onet-google-ads")]
    public void Phrases_other_annotators_marked_are_found(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("An inspiring open office space with a view of the waterfront", "openoffice")]
    [InlineData("Join the founding team building Cofounder, the agent platform", "team-building")]
    [InlineData("Tendavo helps SMEs win public procurement tenders", "procurement")]
    [InlineData("Training by NASSCOM foundation in 2015", "scom")]
    [InlineData("Promoted changes from development to UAT and LIVE environments", "acceptance-testing")]
    [InlineData("Soap and towels are provided in the office", "soap-protocol")]
    [InlineData("Swing by our booth at the conference", "java-swing")]
    [InlineData("A flash of insight", "adobe-flash")]
    [InlineData("Fireworks over the harbour", "adobe-fireworks")]
    [InlineData("Wear latex gloves in the lab", "latex")]
    [InlineData("Pressure in Pascal units", "pascal")]
    [InlineData("Assembly of the PCB boards", "assembly-language")]
    [InlineData("A toad in the garden", "onet-toadsoft-toad")]
    [InlineData("A lamp on the desk", "onet-lamp-stack")]
    [InlineData("An ant colony optimisation", "onet-apache-ant")]
    [InlineData("A Fedora hat", "linux")]
    public void Ordinary_words_stay_unread(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text, ExtractionMode.JobDescription));
    }

    [Theory]
    // The stop list of docs/taxonomy.md: self-descriptions (rule 4), generic words (rule 7), spoken languages and
    // industries (rule 6), list labels (rule 13): none of these names any skill.
    [InlineData("Quick learner, self-motivated, hard working, result-oriented")]
    [InlineData("Languages: Spanish, French, German, Hindi")]
    [InlineData("Industries: banking, e-commerce, healthcare")]
    [InlineData("Creative, innovative, passionate and dedicated")]
    public void Stop_list_phrases_name_no_skill(string text)
    {
        Assert.Empty(Ids(text));
    }
}
