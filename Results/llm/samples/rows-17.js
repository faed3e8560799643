cwmSamples.rows(17,[["strings/w4/v3/mixed/T8/k4/0",2,2,0,0,0,0,0,0],["strings/w4/v3/mixed/T8/k4/1",2,2,0,0,0,0,0,0],["strings/w4/v3/mixed/T8/k4/2",2,2,0,0,0,0,0,0]]);
