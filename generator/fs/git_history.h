// When each file of the content folder last changed, from the history of the
// git repository that holds it.
//
// One `git log` over the whole folder, read once, whatever the number of
// files (a catalogue of a hundred thousand records asks git once, not a
// hundred thousand times). A file's date is the commit date of the last
// commit that changed it: the same for every clone of the history, unlike a
// file's modification time, which a checkout resets. Edits not yet committed
// do not count. Where git is not installed, or the folder is not in a
// repository (a copy from an archive), there are no dates and no error: the
// dates are simply left out of the site.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace passerelle {

// Path relative to the folder asked about ("dps/espere.md") → seconds since
// 1970-01-01 UTC.
using ChangeDates = std::unordered_map<std::string, long long>;

// What `git log --format=@%ct --name-only -z --relative` prints, read: the
// latest commit time of each file named.
ChangeDates parse_git_log(std::string_view output);

// Runs git on `dir` (no shell: the folder's name is passed as it is).
// Empty when git or the repository is absent.
ChangeDates read_change_dates(const std::string& dir);

// The commit the repository holding `dir` is at ("4f0c…"), or empty when
// git or the repository is absent.
std::string head_commit(const std::string& dir);

// 1796409716 → "2026-12-04T18:41:56Z" (RFC 3339, UTC), as Atom and schema.org want it.
std::string utc_timestamp(long long seconds);

}  // namespace passerelle
