using Clearinghouse.Directory;
using Clearinghouse.Web.Directory.Edit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Shared;

/// <summary>
/// What every edit form does with the outcome of a change (<see cref="EditResult{T}"/>): on success a notice and the
/// record's page; on invalid input the form again with what was typed and every field's error; on a concurrent change
/// the stored version with a conflict message (409); otherwise 403 or 404. A page supplies how it shows the stored
/// record, where the record lives and the words of its notices.
/// </summary>
internal abstract class RecordEditPageModel<TRecord> : PageModel
    where TRecord : class
{
    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>Someone else saved the record in between: the form shows the stored version again.</summary>
    public bool Conflict { get; private set; }

    /// <summary>Loads the stored record into the form if the caller may see and change it: Page(), NotFound() or Forbid().</summary>
    protected abstract Task<IActionResult> ShowStoredAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Whether the caller may see the form for a new record (the checks of opening it): Page() or a refusal.</summary>
    protected virtual Task<IActionResult> ShowNewAsync(CancellationToken cancellationToken) => Task.FromResult<IActionResult>(Page());

    /// <summary>Fills what the form needs besides the record (choice lists), each time it is shown again.</summary>
    protected virtual Task PrepareFormAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The page that shows the record after a change.</summary>
    protected abstract Task<IActionResult> ShowRecordAsync(TRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Creates (no id) or updates the record. Values the form could not read are reported with the input's own
    /// validation, without saving; <paramref name="keepTyped"/> puts what was typed back into the form.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(
        Guid? id,
        string unreadableValue,
        Func<IReadOnlyDictionary<string, string[]>> validate,
        Func<Task<EditResult<TRecord>>> create,
        Func<Guid, Task<EditResult<TRecord>>> update,
        Func<TRecord, bool, string> notice,
        Action keepTyped,
        CancellationToken cancellationToken)
    {
        var binding = FormErrors.BindingErrors(ModelState, unreadableValue);
        var result = binding.Count > 0
            ? EditResult<TRecord>.Invalid(validate())
            : id is { } existing ? await update(existing) : await create();
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = notice(result.Record!, id is null);
                return await ShowRecordAsync(result.Record!, cancellationToken);
            case EditOutcome.Invalid:
                var shown = id is { } stored ? await ShowStoredAsync(stored, cancellationToken) : await ShowNewAsync(cancellationToken);
                if (shown is not PageResult)
                {
                    return shown;
                }

                keepTyped();
                Errors = FormErrors.Merge(binding, result.Errors);
                await PrepareFormAsync(cancellationToken);
                return Page();
            default:
                return await RefusedAsync(id, result.Outcome, cancellationToken);
        }
    }

    /// <summary>Retires or restores the record (a change of its own, with a version to check), then shows it.</summary>
    protected async Task<IActionResult> ChangeRetiredAsync(Guid id, Task<EditResult<TRecord>> change, Func<TRecord, string> notice, CancellationToken cancellationToken)
    {
        var result = await change;
        if (result.Outcome != EditOutcome.Saved)
        {
            return await RefusedAsync(id, result.Outcome, cancellationToken);
        }

        TempData[Notice.Key] = notice(result.Record!);
        return await ShowRecordAsync(result.Record!, cancellationToken);
    }

    private async Task<IActionResult> RefusedAsync(Guid? id, EditOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case EditOutcome.Forbidden:
                return Forbid();
            case EditOutcome.Conflict when id is { } stored:
                var shown = await ShowStoredAsync(stored, cancellationToken);
                if (shown is PageResult)
                {
                    Conflict = true;
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    await PrepareFormAsync(cancellationToken);
                }

                return shown;
            default:
                return NotFound();
        }
    }
}
