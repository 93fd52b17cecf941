using Clearinghouse.Activities;
using Clearinghouse.Activities.Files;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Activities;
using Clearinghouse.Web.Countries;
using Clearinghouse.Web.Directory;
using Clearinghouse.Web.Shared;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddClearinghouseData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddDirectory();
builder.Services.AddActivities();
builder.Services.AddActivityFiles();
builder.Services.AddWebShell(builder.Configuration, builder.Environment);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddDirectoryFiles();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseWebShell();
app.MapWebShell();
app.MapAccountsApi();
app.MapDirectoryApi();
app.MapDirectoryEditApi();
app.MapDirectoryFilesApi();
app.MapActivityImportExportApi();
app.MapCountriesApi();
app.MapMeetingsApi();

await app.RunAsync();

/// <summary>The web host's entry point (public so that tests can start it with WebApplicationFactory).</summary>
public partial class Program;
