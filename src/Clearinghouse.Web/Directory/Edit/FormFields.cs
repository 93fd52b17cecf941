using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Clearinghouse.Web.Directory.Edit;

/// <summary>
/// Field errors of an edit form, keyed by input property name ("Name"); each field's HTML id is the camelCase name
/// ("name"), which the error summary links to.
/// </summary>
internal sealed class FormErrors(IReadOnlyDictionary<string, string[]> errors)
{
    public static FormErrors None { get; } = new(new Dictionary<string, string[]>());

    public bool Any => errors.Count > 0;

    public IEnumerable<(string Id, string Message)> Summary =>
        errors.SelectMany(e => e.Value.Select(message => (IdOf(e.Key), message)));

    public IReadOnlyList<string> For(string field) => errors.TryGetValue(field, out var messages) ? messages : [];

    public static string IdOf(string field) => JsonNamingPolicy.CamelCase.ConvertName(field);

    /// <summary>Values the form could not even read (an unknown code in a select, a malformed number), by field.</summary>
    public static Dictionary<string, string[]> BindingErrors(ModelStateDictionary modelState, string message)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, entry) in modelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }

            var root = key.Split('.', '[')[0];
            errors[root.Length == 0 ? key : char.ToUpperInvariant(root[0]) + root[1..]] = [message];
        }

        return errors;
    }

    /// <summary>Both sets of errors; the first message of a field wins when both name it.</summary>
    public static FormErrors Merge(IReadOnlyDictionary<string, string[]> first, IReadOnlyDictionary<string, string[]> second)
    {
        var all = new Dictionary<string, string[]>(first, StringComparer.Ordinal);
        foreach (var (key, value) in second)
        {
            all.TryAdd(key, value);
        }

        return new FormErrors(all);
    }
}

/// <summary>A text input or textarea with its label, hint and inline error (partial _TextField).</summary>
internal sealed record TextField(string Field, string Label, string? Value, FormErrors Errors)
{
    public string Id => FormErrors.IdOf(Field);

    public string? Hint { get; init; }

    public string Type { get; init; } = "text";

    public string? Lang { get; init; }

    public string WidthClass { get; init; } = "govuk-!-width-full";

    public string? Autocomplete { get; init; }

    public bool Multiline { get; init; }

    public int? MaxLength { get; init; }
}

/// <summary>A select (one value) or a group of checkboxes (several values), with legend or label, hint and error (partial _Choice).</summary>
internal sealed record ChoiceField(string Field, string Label, IReadOnlyList<(string Value, string Text)> Options, IReadOnlySet<string> Selected, FormErrors Errors)
{
    public string Id => FormErrors.IdOf(Field);

    public string? Hint { get; init; }

    /// <summary>Checkboxes rather than a select.</summary>
    public bool Multiple { get; init; }

    /// <summary>For a select: the text of the empty first option (no empty option when null).</summary>
    public string? EmptyOption { get; init; }

    /// <summary>For long checkbox lists: laid out in columns on wide screens.</summary>
    public bool Columns { get; init; }
}

/// <summary>The success message shown once on the page a save redirects to (TempData, read by the _Notice partial).</summary>
internal static class Notice
{
    public const string Key = "Notice";
}
