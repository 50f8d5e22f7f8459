/** CSV extracts with a header row. */
package com.audiencesync.source.format.csv;
