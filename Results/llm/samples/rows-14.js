cwmSamples.rows(14,[["strings/w4/v1/mixed/T8/k1/0",8,8,0,0,0,0,0,0],["strings/w4/v1/mixed/T8/k1/1",8,8,0,0,0,0,0,0],["strings/w4/v1/mixed/T8/k1/2",8,8,0,0,0,0,0,0]]);
