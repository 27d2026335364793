// import_command.h — `o2c order import`, added under the `order` command.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/session.h"

namespace o2c::cli {

void add_order_import(CLI::App& order, Session& session);

}  // namespace o2c::cli
