using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TalentMatch.Modules.Api.Persistence;

// Used only by `dotnet ef migrations add` (see docs/operations.md); the connection strings are
// placeholders because generating a migration never connects.

internal sealed class SqliteApiDbContextFactory : IDesignTimeDbContextFactory<SqliteApiDbContext>
{
    public SqliteApiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteApiDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerApiDbContextFactory : IDesignTimeDbContextFactory<SqlServerApiDbContext>
{
    public SqlServerApiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerApiDbContext>().UseSqlServer("Server=design;Database=talentmatch").Options);
}

internal sealed class PostgreSqlApiDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlApiDbContext>
{
    public PostgreSqlApiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlApiDbContext>().UseNpgsql("Host=design;Database=talentmatch").Options);
}
