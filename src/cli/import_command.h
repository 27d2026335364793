// import_command.h — `o2c order import`, added under the `order` command.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/session.h"

namespace o2c::cli {

void add_order_import(CLI::App& order, Session& session);

// Shared with `o2c usage import`: the whole file (bounded by kImportFileBytesMax); the default
// rejects file beside it ("orders.csv" → "orders.rejects.csv"); whether the rejects file's
// folder is writable (checked before importing); writing it.
Result<std::string> read_import_file(const std::string& path);
std::string default_rejects_path(const std::string& input);
Status check_writable(const std::string& path);
Status write_rejects(const std::string& path, const std::string& text);

}  // namespace o2c::cli
