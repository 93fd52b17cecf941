using System.ComponentModel.DataAnnotations;

namespace Clearinghouse.Common;

/// <summary>Collects field errors for the input validators, so each returns every problem at once.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public int Count => errors.Count;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public void Required(string field, string? value, string message, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, message);
        }
        else
        {
            MaxLength(field, value, maxLength);
        }
    }

    public void MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, $"Must be {maxLength} characters or fewer.");
        }
    }

    public void Email(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && (value.Trim().Length > 254 || !new EmailAddressAttribute().IsValid(value.Trim()) || !value.Contains('.', StringComparison.Ordinal)))
        {
            Add(field, $"'{value}' is not a valid e-mail address.");
        }
    }

    public void Url(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)
            && !(Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            Add(field, "Must be a full address starting with https:// or http://.");
        }
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
