cwmSamples.rows(4,[["perm/S5/swap/one/T8/k4/0",2,2,0,0,0,0,0,0],["perm/S5/swap/one/T8/k4/1",2,2,0,0,0,0,1,1],["perm/S5/swap/one/T8/k4/2",2,1,0,0,0,0,0,0]]);
