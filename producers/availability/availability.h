#pragma once
// The availability producer's public API: the snapshot, its parser and writer, the simulation, synthetic inputs.
#include "producers/availability/simulation.h"
#include "producers/availability/snapshot.h"
#include "producers/availability/snapshot_parser.h"
#include "producers/availability/snapshot_writer.h"
#include "producers/availability/synthetic_snapshot.h"
