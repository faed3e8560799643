cwmSamples.rows(16,[["strings/w4/v3/mixed/T8/k1/0",8,5,0,0,1,0,0,0],["strings/w4/v3/mixed/T8/k1/1",8,5,2,0,2,0,1,0],["strings/w4/v3/mixed/T8/k1/2",8,6,0,0,1,0,0,0]]);
