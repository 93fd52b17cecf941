using Clearinghouse.Cases;

namespace Clearinghouse.Tests.Cases;

public sealed class IdentifierHasherTests
{
    [Theory]
    [InlineData("Ana Šimić", "Simic Ana")]
    [InlineData("Юлия Ковальчук", "Yuliya Kovalchuk")]
    [InlineData("Julija Kovalchuk", "Iulia Kovalchuk")]
    [InlineData("Анна Попеску", "ana POPESCU")]
    [InlineData("Zyrafete Demovska", "Demovska, Zyrafete")]
    [InlineData("Đorđe Marković", "Djordje Markovic")]
    public void Spelling_variants_of_a_name_meet(string one, string other) =>
        Assert.Equal(IdentifierHasher.NameKey(one), IdentifierHasher.NameKey(other));

    [Theory]
    [InlineData("Ana Simic", "Ana Simonic")]
    [InlineData("Maria Popescu", "Mario Popescu")]
    public void Different_names_stay_apart(string one, string other) =>
        Assert.NotEqual(IdentifierHasher.NameKey(one), IdentifierHasher.NameKey(other));

    [Fact]
    public void A_single_name_is_not_enough_for_a_match() => Assert.Null(IdentifierHasher.NameKey("Ana"));

    [Fact]
    public void Document_numbers_ignore_spaces_dashes_and_case() =>
        Assert.Equal(IdentifierHasher.DocumentKey("zz 990-0417"), IdentifierHasher.DocumentKey("ZZ9900417"));
}
