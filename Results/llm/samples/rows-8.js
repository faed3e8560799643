cwmSamples.rows(8,[["pfsa/S3/swap/one/h0.25/c2/T8/k4/0",2,1,1,1,0,0,0,0],["pfsa/S3/swap/one/h0.25/c2/T8/k4/1",2,2,0,0,0,0,0,0],["pfsa/S3/swap/one/h0.25/c2/T8/k4/2",2,1,0,0,0,0,1,0]]);
