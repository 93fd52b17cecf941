using Clearinghouse.Activities;
using Clearinghouse.Activities.Files;
using Clearinghouse.Cases;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Services;
using Clearinghouse.Statistics;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Activities;
using Clearinghouse.Web.Cases;
using Clearinghouse.Web.Countries;
using Clearinghouse.Web.Directory;
using Clearinghouse.Web.Library;
using Clearinghouse.Web.Services;
using Clearinghouse.Web.Shared;
using Clearinghouse.Web.Statistics;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddClearinghouseData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddDirectory();
builder.Services.AddLibrary();
builder.Services.AddActivities();
builder.Services.AddCases(builder.Environment.ContentRootPath);
builder.Services.AddStatistics();
builder.Services.AddStatisticsWeb();
builder.Services.AddActivityFiles();
builder.Services.AddWebShell(builder.Configuration, builder.Environment);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddBackgroundImports();
builder.Services.AddCasesWeb();
builder.Services.AddServiceDirectory();
builder.Services.AddServicesWeb();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseWebShell();
app.MapWebShell();
app.MapAccountsApi();
app.MapDirectoryApi();
app.MapDirectoryEditApi();
app.MapDirectoryFilesApi();
app.MapImportStatus();
app.MapActivityImportExportApi();
app.MapDonorsApi();
app.MapCountriesApi();
app.MapMeetingsApi();
app.MapLibraryApi();
app.MapLibraryHarvest();
app.MapActivitiesApi();
app.MapCasesApi();
app.MapServicesApi();
app.MapStatisticsApi();

await app.RunAsync();

/// <summary>The web host's entry point (public so that tests can start it with WebApplicationFactory).</summary>
public partial class Program;
